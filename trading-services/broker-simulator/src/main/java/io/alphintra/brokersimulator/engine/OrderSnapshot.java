package io.alphintra.brokersimulator.engine;

/**
 * An immutable copy of an order's state, safe to hand to other threads.
 *
 * @param origQuoteOrderQtyUnits the quote amount a quote-sized MARKET order asked for; 0 otherwise
 */
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
    long updateTimeMillis,
    long origQuoteOrderQtyUnits) {

  public long remainingLots() {
    return originalLots - executedLots;
  }
}
