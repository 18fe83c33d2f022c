package io.alphintra.operator.environment.model.rollout;

/**
 * The outcome of one HTTP health check of a color.
 *
 * @param success whether every service answered 2xx in time
 * @param detail what failed, or what succeeded
 */
public record CheckResult(boolean success, String detail) {}
