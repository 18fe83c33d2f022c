package io.alphintra.brokersimulator.engine;

/** A public trade, as printed on the tape and the {@code @trade} stream. */
public record Trade(
    String symbol,
    long tradeId,
    long priceTicks,
    long quantityLots,
    long buyerOrderId,
    long sellerOrderId,
    boolean buyerIsMaker,
    long timeMillis) {}
