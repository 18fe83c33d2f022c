package io.alphintra.brokersimulator.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The resting orders of one symbol with price-time priority. Publishes every level change so the
 * depth stream can be built incrementally; {@link #lastUpdateId()} orders those changes.
 */
final class OrderBook {

  private final String symbol;
  private final BookSide bids = new BookSide(Side.BUY);
  private final BookSide asks = new BookSide(Side.SELL);
  // Only the resting orders: small enough to stay in cache, unlike the closed orders kept for
  // lookups.
  private final LongObjectMap<Order> restingById = new LongObjectMap<>(1_024);
  private final MarketEventListener listener;
  private long lastUpdateId;

  OrderBook(String symbol, MarketEventListener listener) {
    this.symbol = symbol;
    this.listener = listener;
  }

  BookSide side(Side side) {
    return side == Side.BUY ? bids : asks;
  }

  Order resting(long orderId) {
    return restingById.get(orderId);
  }

  int restingCount() {
    return restingById.size();
  }

  /** Every resting order, bids then asks, best level first and in time order within a level. */
  List<Order> restingOrders() {
    List<Order> out = new ArrayList<>(restingById.size());
    for (BookSide bookSide : new BookSide[] {bids, asks}) {
      for (int slot = bookSide.bestSlot(); slot >= 0; slot--) {
        PriceLevel level = bookSide.slot(slot);
        for (Order order = level == null ? null : level.head; order != null; order = order.next) {
          out.add(order);
        }
      }
    }
    return out;
  }

  long lastUpdateId() {
    return lastUpdateId;
  }

  void rest(Order order) {
    restingById.put(order.orderId, order);
    queue(order);
  }

  /** Takes an order out of the book (cancel, final fill, expiry). */
  void remove(Order order) {
    lift(order);
    restingById.remove(order.orderId);
  }

  /**
   * Takes a resting order out of its queue but keeps it under its id, for a move: it either queues
   * again ({@link #requeue}) or leaves ({@link #forget}) before the command ends, so a move costs
   * no index update.
   */
  void lift(Order order) {
    PriceLevel level = order.level;
    level.totalLots -= order.remainingLots();
    level.unlink(order);
    // Publish before the level goes back to its pool: the listener reads the level's price.
    publish(order.side, level);
    if (level.isEmpty()) {
      side(order.side).removeLevel(level);
    }
  }

  /** Queues a {@link #lift lifted} order again, at the back of the level at its (new) price. */
  void requeue(Order order) {
    queue(order);
  }

  /** Drops a {@link #lift lifted} order that will not queue again (filled or expired). */
  void forget(Order order) {
    restingById.remove(order.orderId);
  }

  private void queue(Order order) {
    PriceLevel level = side(order.side).levelFor(order.priceTicks);
    level.append(order);
    publish(order.side, level);
  }

  /** Records that a resting order's remaining quantity shrank by {@code lots} (fill or amend). */
  void reduce(Order order, long lots) {
    order.level.totalLots -= lots;
    publish(order.side, order.level);
  }

  long bestPrice(Side side) {
    PriceLevel best = side(side).best();
    return best == null ? 0 : best.priceTicks;
  }

  List<long[]> depth(Side side, int maxLevels) {
    return side(side).depth(maxLevels);
  }

  /** Never true after a command completes: matching always consumes crossing liquidity. */
  boolean isCrossed() {
    PriceLevel bid = bids.best();
    PriceLevel ask = asks.best();
    return bid != null && ask != null && bid.priceTicks >= ask.priceTicks;
  }

  List<Order> restingOf(int accountId) {
    List<Order> out = new ArrayList<>();
    for (Order order : restingOrders()) {
      if (order.accountId == accountId) {
        out.add(order);
      }
    }
    return out;
  }

  private void publish(Side side, PriceLevel level) {
    lastUpdateId++;
    listener.onLevelChanged(symbol, side, level.priceTicks, level.totalLots, lastUpdateId);
  }
}
