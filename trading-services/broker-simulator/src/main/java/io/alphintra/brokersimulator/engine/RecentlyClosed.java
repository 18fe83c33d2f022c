package io.alphintra.brokersimulator.engine;

/**
 * The last {@code capacity} closed orders, oldest first, in a ring that never reallocates. Their
 * ids sit in a parallel primitive array, so a lookup by id scans contiguous longs instead of
 * keeping a hash index up to date on every close: closing an order writes two array slots.
 */
final class RecentlyClosed {

  private final Order[] ring;
  private final long[] ids;
  private int oldest;
  private int size;

  RecentlyClosed(int capacity) {
    ring = new Order[capacity];
    ids = new long[capacity];
  }

  /** Appends a closed order; returns the one it pushed out when full (null otherwise). */
  Order add(Order order) {
    if (ring.length == 0) {
      return order;
    }
    if (size < ring.length) {
      ids[size] = order.orderId;
      ring[size++] = order;
      return null;
    }
    Order evicted = ring[oldest];
    ring[oldest] = order;
    ids[oldest] = order.orderId;
    if (++oldest == ring.length) {
      oldest = 0;
    }
    return evicted;
  }

  /** The kept order with this id, or null; newest first, a scan of at most capacity longs. */
  Order find(long orderId) {
    int newest = oldest + size - 1;
    // Once the ring has wrapped, the newest orders are the ones before the oldest.
    for (int i = newest - ring.length; i >= 0; i--) {
      if (ids[i] == orderId) {
        return ring[i];
      }
    }
    for (int i = Math.min(newest, ring.length - 1); i >= oldest; i--) {
      if (ids[i] == orderId) {
        return ring[i];
      }
    }
    return null;
  }

  /** The {@code i}-th oldest kept order. */
  Order get(int i) {
    int index = oldest + i;
    return ring[index < ring.length ? index : index - ring.length];
  }

  int size() {
    return size;
  }
}
