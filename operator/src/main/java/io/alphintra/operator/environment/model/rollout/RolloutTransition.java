package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.RolloutPhase;

/**
 * A phase change of a rollout, reported as an event and a metric.
 *
 * @param phase the phase entered
 * @param reason CamelCase reason for the event
 * @param message what happened
 * @param warning whether it is a failure
 */
public record RolloutTransition(
    RolloutPhase phase, String reason, String message, boolean warning) {}
