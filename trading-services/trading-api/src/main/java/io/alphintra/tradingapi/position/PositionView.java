package io.alphintra.tradingapi.position;

/**
 * A position on the wire (decimals as strings; quantities at the symbol's scale, money at 8).
 *
 * @param symbol e.g. BTCUSDT
 * @param quantity signed: positive long, negative short
 * @param averagePrice average entry price of the open quantity
 * @param realizedPnl realized PnL in the quote asset, fees deducted
 * @param fees fees paid in the quote asset
 * @param lastPrice the last trade price, null when the connector cannot tell
 * @param unrealizedPnl (last price − average price) × quantity; null without a last price
 */
public record PositionView(
    String symbol,
    String quantity,
    String averagePrice,
    String realizedPnl,
    String fees,
    String lastPrice,
    String unrealizedPnl) {}
