package io.alphintra.brokersimulator.engine;

/**
 * One side of one trade, seen from the account that owns the order: what {@code myTrades} lists and
 * what a user-data feed pushes.
 *
 * @param quoteUnits price times quantity in quote asset units
 * @param commissionUnits commission in asset units, charged in the asset the order received
 * @param buyer whether this order bought
 * @param maker whether this order was resting on the book
 */
public record Execution(
    String symbol,
    int accountId,
    long orderId,
    long tradeId,
    long priceTicks,
    long quantityLots,
    long quoteUnits,
    long commissionUnits,
    int commissionAsset,
    boolean buyer,
    boolean maker,
    long timeMillis) {}
