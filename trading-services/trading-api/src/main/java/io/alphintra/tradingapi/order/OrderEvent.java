package io.alphintra.tradingapi.order;

import java.time.Instant;

/**
 * One state change in an order's append-only history.
 *
 * @param at when
 * @param actor who: a token subject, or {@code venue} for what the venue reported
 * @param from the previous state, null for the first event
 * @param to the new state
 * @param reason why
 */
public record OrderEvent(
    Instant at, String actor, OrderStatus from, OrderStatus to, String reason) {}
