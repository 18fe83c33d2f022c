package io.alphintra.tradingapi.broker;

import java.math.BigDecimal;

/**
 * One venue execution of the account, as the connector's fill feed ({@code GET /api/v1/fills})
 * reports it.
 *
 * @param symbol e.g. BTCUSDT
 * @param tradeId the venue's trade id, increasing per symbol (the feed's cursor)
 * @param orderId the venue's order id
 * @param clientOrderId the order's client id when the connector knows it (from the live feed), null
 *     for fills it recovered from {@code myTrades}
 * @param side BUY or SELL
 * @param price the trade's price
 * @param quantity the trade's base quantity
 * @param commission what the venue charged, in {@code commissionAsset}
 * @param commissionAsset the asset charged (Binance: the asset received), null when none
 * @param maker whether the order was the maker
 * @param timeMillis venue trade time, epoch millis
 */
public record ConnectorFill(
    String symbol,
    long tradeId,
    long orderId,
    String clientOrderId,
    String side,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal commission,
    String commissionAsset,
    boolean maker,
    long timeMillis) {}
