package io.alphintra.api.v1alpha1;

/**
 * An open position of a strategy.
 *
 * @param symbol The exchange symbol, e.g. BTCUSDT.
 * @param quantity Signed base-asset quantity: positive long, negative short.
 * @param averagePrice Average entry price.
 * @param unrealizedPnl Unrealized profit or loss at the last price.
 */
public record Position(String symbol, String quantity, String averagePrice, String unrealizedPnl) {}
