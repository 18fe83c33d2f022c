package io.alphintra.brokerconnector.fill;

import java.math.BigDecimal;

/**
 * One execution of one of the account's orders, normalized from an {@code executionReport} or a
 * {@code myTrades} row. {@code (tradeId, orderId)} identifies it: a self-trade has two. {@code
 * clientOrderId} is the order's client id when known (always from the live feed; from {@code
 * myTrades}, which lacks it, only for orders this connector knows), otherwise null.
 */
public record Fill(
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
