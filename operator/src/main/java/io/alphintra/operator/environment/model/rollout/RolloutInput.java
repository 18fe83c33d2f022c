package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.CheckResult;
import io.alphintra.operator.environment.model.PlatformService;
import java.time.Instant;
import java.util.Map;

/**
 * What one step of the state machine is decided from.
 *
 * @param environment the environment's name, for messages
 * @param desiredVersion spec.version
 * @param settings the rollout settings
 * @param status the current status, or null for a new environment
 * @param planReplicas pods the spec asks for, of each service without an autoscaler (an autoscaled
 *     one is left out)
 * @param liveReplicas the live color's current count of each service (what its HPA chose, if any)
 * @param newColorReplicas pods of each service a new color starts with
 * @param observed what the cluster shows of each color
 * @param activeSelects the color every active Service selects, or null when they do not all select
 *     the same one (a Service missing, or a switch half done)
 * @param check the result of a check run for this step, or null
 * @param promoteAnnotation the value of trading.alphintra.io/promote, or null
 * @param abortRequested whether trading.alphintra.io/abort is set
 * @param now the current time
 */
public record RolloutInput(
    String environment,
    String desiredVersion,
    RolloutSettings settings,
    TradingEnvironmentStatus status,
    Map<PlatformService, Integer> planReplicas,
    Map<PlatformService, Integer> liveReplicas,
    Map<PlatformService, Integer> newColorReplicas,
    Map<Color, ColorObservation> observed,
    Color activeSelects,
    CheckResult check,
    String promoteAnnotation,
    boolean abortRequested,
    Instant now) {}
