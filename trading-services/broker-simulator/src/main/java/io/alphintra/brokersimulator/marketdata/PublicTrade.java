package io.alphintra.brokersimulator.marketdata;

/**
 * A trade on the tape.
 *
 * @param quoteUnits price times quantity in quote asset units
 * @param takerOrderId the order that took liquidity; trades of one taker at one price aggregate
 */
public record PublicTrade(
    long id,
    long priceTicks,
    long quantityLots,
    long quoteUnits,
    long timeMillis,
    boolean buyerIsMaker,
    long takerOrderId) {}
