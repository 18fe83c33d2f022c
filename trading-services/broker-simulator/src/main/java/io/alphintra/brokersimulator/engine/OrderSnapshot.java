package io.alphintra.brokersimulator.engine;

/** An immutable copy of an order's state, safe to hand to other threads. */
public record OrderSnapshot(
    String symbol,
    long orderId,
    int accountId,
    String clientOrderId,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    long priceTicks,
    long originalLots,
    long executedLots,
    long cumulativeQuoteUnits,
    OrderStatus status,
    long timeMillis,
    long updateTimeMillis) {

  public long remainingLots() {
    return originalLots - executedLots;
  }
}
