package io.alphintra.operator.common;

/**
 * The outcome of one HTTP health check (of a blue-green color): produced by the runtime's checker,
 * judged by the rollout model.
 *
 * @param success whether every service answered 2xx in time
 * @param detail what failed, or what succeeded
 */
public record CheckResult(boolean success, String detail) {}
