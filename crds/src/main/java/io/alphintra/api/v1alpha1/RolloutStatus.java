package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The state of the current (or last) rollout. The operator keeps everything it needs here, so that
 * a restart at any phase resumes correctly.
 *
 * @param revision Increases by one for every rollout of the environment.
 * @param phase Where the rollout is.
 * @param fromColor The color that was live when the rollout started.
 * @param toColor The color the rollout deploys the new version to.
 * @param fromVersion The version that was live when the rollout started.
 * @param toVersion The version being rolled out.
 * @param replicas Written by operators before per-service counts: one count for every service. Read
 *     only when serviceReplicas is absent.
 * @param serviceReplicas Pods of each service (by component name, e.g. trading-api) the color that
 *     is not live runs during the rollout: frozen at its start so that replica or autoscaler
 *     changes never rescale the stacks mid-switch, and raised to the live color's current count
 *     before it takes the traffic (promotion or rollback), so a switch never drops capacity.
 *     Services are counted apart because each autoscales on its own.
 * @param startedAt When the rollout started (RFC 3339).
 * @param phaseSince When the rollout entered its current phase (RFC 3339).
 * @param stableSince Since when all new pods have been Ready without restarts (RFC 3339).
 * @param restartBaseline Container restarts of the new color's pods when stabilization began; any
 *     more abort.
 * @param consecutiveSuccesses Consecutive successful health checks in the current phase.
 * @param consecutiveFailures Consecutive failed health checks in the current phase.
 * @param lastCheckAt When the last health check ran (RFC 3339).
 * @param promotedAt When the active Service switched to the new color (RFC 3339).
 * @param scaleDownAt When the previous color is scaled down (RFC 3339).
 * @param message What the rollout waits for or why it failed, and how to recover.
 * @param podsStartedAt When the new color's latest pods were started (RFC 3339): when the rollout
 *     began, or with rollout.maxStartingPods the latest step; the progress deadline counts from
 *     here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStatus(
    Long revision,
    RolloutPhase phase,
    Color fromColor,
    Color toColor,
    String fromVersion,
    String toVersion,
    Integer replicas,
    Map<String, Integer> serviceReplicas,
    String startedAt,
    String phaseSince,
    String stableSince,
    Integer restartBaseline,
    Integer consecutiveSuccesses,
    Integer consecutiveFailures,
    String lastCheckAt,
    String promotedAt,
    String scaleDownAt,
    String message,
    String podsStartedAt) {}
