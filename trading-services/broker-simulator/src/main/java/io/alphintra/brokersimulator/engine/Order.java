package io.alphintra.brokersimulator.engine;

/**
 * A live order inside one engine. Mutable and confined to the engine's writer; the outside world
 * only ever sees {@link OrderSnapshot}s.
 */
final class Order {

  final long orderId;
  final int accountId;
  final String clientOrderId;
  final Side side;
  final OrderType type;
  final TimeInForce timeInForce;
  final long priceTicks;
  final long timeMillis;
  final long quoteOrderQtyUnits;
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

  Order(long orderId, NewOrder request, long timeMillis) {
    this.orderId = orderId;
    this.accountId = request.accountId();
    this.clientOrderId = request.clientOrderId();
    this.side = request.side();
    this.type = request.type();
    this.timeInForce = request.timeInForce();
    this.priceTicks = request.priceTicks();
    this.originalLots = request.quantityLots();
    this.quoteOrderQtyUnits = request.quoteOrderQtyUnits();
    this.timeMillis = timeMillis;
    this.updateTimeMillis = timeMillis;
  }

  long remainingLots() {
    return originalLots - executedLots;
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
