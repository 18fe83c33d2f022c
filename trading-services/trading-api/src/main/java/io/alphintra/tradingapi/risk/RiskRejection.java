package io.alphintra.tradingapi.risk;

/**
 * A refused order: the rule, what the limit is and what the order would have made of it.
 *
 * @param reason the rule
 * @param limit the limit, as configured
 * @param value the order's value against it
 * @param message a sentence naming both and what to change
 */
public record RiskRejection(RiskReason reason, String limit, String value, String message) {}
