package io.alphintra.brokersimulator.marketdata;

/**
 * Binance's compressed trade: consecutive trades of one taker order at one price, filled together.
 */
public record AggregateTrade(
    long id,
    long priceTicks,
    long quantityLots,
    long firstTradeId,
    long lastTradeId,
    long timeMillis,
    boolean buyerIsMaker) {}
