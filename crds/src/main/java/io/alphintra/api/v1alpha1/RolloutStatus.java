package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The state of the current (or last) rollout. The operator keeps everything it needs here, so that a restart at
 * any phase resumes correctly.
 *
 * @param revision Increases by one for every rollout of the environment.
 * @param phase Where the rollout is.
 * @param fromColor The color that was live when the rollout started.
 * @param toColor The color the rollout deploys the new version to.
 * @param fromVersion The version that was live when the rollout started.
 * @param toVersion The version being rolled out.
 * @param templateHash Hash of the pod templates being rolled out; a different hash starts a new revision.
 * @param startedAt When the rollout started (RFC 3339).
 * @param phaseSince When the rollout entered its current phase (RFC 3339).
 * @param stableSince Since when all new pods have been Ready without restarts (RFC 3339).
 * @param consecutiveSuccesses Consecutive successful health checks in the current phase.
 * @param consecutiveFailures Consecutive failed health checks in the current phase.
 * @param lastCheckAt When the last health check ran (RFC 3339).
 * @param promotedAt When the active Service switched to the new color (RFC 3339).
 * @param scaleDownAt When the previous color is scaled down (RFC 3339).
 * @param message What the rollout waits for or why it failed, and how to recover.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStatus(
    Long revision,
    RolloutPhase phase,
    Color fromColor,
    Color toColor,
    String fromVersion,
    String toVersion,
    String templateHash,
    String startedAt,
    String phaseSince,
    String stableSince,
    Integer consecutiveSuccesses,
    Integer consecutiveFailures,
    String lastCheckAt,
    String promotedAt,
    String scaleDownAt,
    String message) {}
