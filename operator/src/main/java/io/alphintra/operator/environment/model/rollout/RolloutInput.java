package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import java.time.Instant;
import java.util.Map;

/**
 * What one step of the state machine is decided from.
 *
 * @param environment the environment's name, for messages
 * @param desiredVersion spec.version
 * @param settings the rollout settings
 * @param status the current status, or null for a new environment
 * @param autoscaled whether an HPA owns the live color's replica count
 * @param planReplicas pods per service the spec asks for (without autoscaling)
 * @param newColorReplicas pods per service a new color starts with
 * @param observed what the cluster shows of each color
 * @param check the result of a check run for this step, or null
 * @param promoteAnnotation the value of trading.alphintra.io/promote, or null
 * @param abortRequested whether trading.alphintra.io/abort is set
 * @param now the current time
 */
public record RolloutInput(String environment, String desiredVersion, RolloutSettings settings,
    TradingEnvironmentStatus status, boolean autoscaled, int planReplicas, int newColorReplicas,
    Map<Color, ColorObservation> observed, CheckResult check, String promoteAnnotation, boolean abortRequested,
    Instant now) {}
