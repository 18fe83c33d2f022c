package io.alphintra.brokerconnector.filters;

/**
 * Why an order was refused before it was sent.
 *
 * @param filter the venue filter it breaks (PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE, NOTIONAL) or
 *     SYMBOL
 * @param message what is wrong and what would be valid
 */
public record FilterViolation(String filter, String message) {}
