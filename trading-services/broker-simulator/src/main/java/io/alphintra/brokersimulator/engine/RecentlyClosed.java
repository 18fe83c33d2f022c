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
      ring[size++] = order;
      return null;
    }
    Order evicted = ring[oldest];
    ring[oldest] = order;
    if (++oldest == ring.length) {
      oldest = 0;
    }
    return evicted;
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
