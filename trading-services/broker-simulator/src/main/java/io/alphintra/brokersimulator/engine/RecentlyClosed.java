package io.alphintra.brokersimulator.engine;

/** The last {@code capacity} closed orders, oldest first, in a ring that never reallocates. */
final class RecentlyClosed {

  private final Order[] ring;
  private int oldest;
  private int size;

  RecentlyClosed(int capacity) {
    ring = new Order[capacity];
  }

  /** Appends a closed order; returns the one it pushed out when full (null otherwise). */
  Order add(Order order) {
    if (ring.length == 0) {
      return order;
    }
    if (size < ring.length) {
      ring[(oldest + size++) % ring.length] = order;
      return null;
    }
    Order evicted = ring[oldest];
    ring[oldest] = order;
    oldest = (oldest + 1) % ring.length;
    return evicted;
  }

  int size() {
    return size;
  }
}
