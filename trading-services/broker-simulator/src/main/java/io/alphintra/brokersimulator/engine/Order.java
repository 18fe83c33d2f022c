package io.alphintra.brokersimulator.engine;

/**
 * A live order inside one engine. Mutable and confined to the engine's writer; the outside world
 * only ever sees {@link OrderSnapshot}s. Instances are pooled ({@link OrderPool}): {@link #init}
 * gives a recycled one a new identity.
 */
final class Order {

  long orderId;
  int accountId;
  String clientOrderId;
  Side side;
  OrderType type;
  TimeInForce timeInForce;
  long priceTicks;
  long timeMillis;
  long quoteOrderQtyUnits;
  long originalLots;
  long executedLots;
  long cumulativeQuoteUnits;

  /** Funds still locked for this order: quote units for a BUY, base units for a SELL. */
  long lockedUnits;

  OrderStatus status = OrderStatus.NEW;
  long updateTimeMillis;

  // Intrusive FIFO links inside the price level: O(1) cancel without searching the queue.
  PriceLevel level;
  Order prev;
  Order next;

  /** Set while the order sits in its engine's pool, free for reuse. */
  boolean pooled;

  Order init(
      long orderId,
      int accountId,
      String clientOrderId,
      Side side,
      OrderType type,
      TimeInForce timeInForce,
      long priceTicks,
      long quantityLots,
      long quoteOrderQtyUnits,
      long timeMillis) {
    this.orderId = orderId;
    this.accountId = accountId;
    this.clientOrderId = clientOrderId;
    this.side = side;
    this.type = type;
    this.timeInForce = timeInForce;
    this.priceTicks = priceTicks;
    this.originalLots = quantityLots;
    this.quoteOrderQtyUnits = quoteOrderQtyUnits;
    this.timeMillis = timeMillis;
    this.updateTimeMillis = timeMillis;
    this.executedLots = 0;
    this.cumulativeQuoteUnits = 0;
    this.lockedUnits = 0;
    this.status = OrderStatus.NEW;
    this.level = null;
    this.prev = null;
    this.next = null;
    this.pooled = false;
    return this;
  }

  long remainingLots() {
    return originalLots - executedLots;
  }

  boolean isResting() {
    return level != null;
  }

  OrderSnapshot snapshot(String symbol) {
    return snapshot(symbol, status);
  }

  /** A snapshot with the status the order has once the running command completes. */
  OrderSnapshot snapshot(String symbol, OrderStatus status) {
    return new OrderSnapshot(
        symbol,
        orderId,
        accountId,
        clientOrderId,
        side,
        type,
        timeInForce,
        priceTicks,
        originalLots,
        executedLots,
        cumulativeQuoteUnits,
        status,
        timeMillis,
        updateTimeMillis,
        quoteOrderQtyUnits);
  }
}
