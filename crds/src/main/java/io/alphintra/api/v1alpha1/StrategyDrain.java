package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A drain of a strategy's running engine: it stops placing orders and cancels its open ones before
 * the operator replaces, scales down or deletes it, so two instances never trade at once.
 *
 * @param revision The configuration revision of the instance being drained.
 * @param reason Why it is drained: Update (its pod template changed), Suspend (spec.suspend) or
 *     Delete (the Strategy is being deleted).
 * @param startedAt When the operator asked the engine to drain (RFC 3339); the drain timeout counts
 *     from here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategyDrain(String revision, String reason, String startedAt) {}
