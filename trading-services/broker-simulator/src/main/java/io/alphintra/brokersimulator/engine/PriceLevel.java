package io.alphintra.brokersimulator.engine;

/**
 * The FIFO queue of resting orders at one price; head has time priority. Its book side reuses it
 * for another price once it has emptied and its slot is taken over.
 */
final class PriceLevel {

  long priceTicks;
  Order head;
  Order tail;
  long totalLots;
  int orderCount;

  /** Where the level sits in its side's price array; kept current by {@link BookSide}. */
  int slot;

  PriceLevel init(long priceTicks) {
    this.priceTicks = priceTicks;
    head = null;
    tail = null;
    totalLots = 0;
    orderCount = 0;
    return this;
  }

  void append(Order order) {
    order.level = this;
    order.prev = tail;
    order.next = null;
    if (tail == null) {
      head = order;
    } else {
      tail.next = order;
    }
    tail = order;
    totalLots += order.remainingLots();
    orderCount++;
  }

  /** Unlinks an order; its remaining quantity must already be subtracted or still counted. */
  void unlink(Order order) {
    if (order.prev == null) {
      head = order.next;
    } else {
      order.prev.next = order.next;
    }
    if (order.next == null) {
      tail = order.prev;
    } else {
      order.next.prev = order.prev;
    }
    order.prev = null;
    order.next = null;
    order.level = null;
    orderCount--;
  }

  boolean isEmpty() {
    return head == null;
  }
}
