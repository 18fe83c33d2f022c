package io.alphintra.brokersimulator.engine;

import java.util.Arrays;

/**
 * Recycles the {@link Order}s an engine no longer references, so steady-state order flow allocates
 * no orders. An order may only come back once it is neither resting nor findable as recently
 * closed; {@link #release} refuses a live one.
 */
final class OrderPool {

  private Order[] free;
  private int size;
  private final int maxSize;

  OrderPool(int maxSize) {
    this.maxSize = maxSize;
    this.free = new Order[Math.min(maxSize, 1_024)];
  }

  Order acquire() {
    if (size == 0) {
      return new Order();
    }
    Order order = free[--size];
    free[size] = null;
    order.pooled = false;
    return order;
  }

  void release(Order order) {
    if (order.isResting() || order.status.isOpen()) {
      throw new IllegalStateException("order " + order.orderId + " is still live");
    }
    if (order.pooled) {
      throw new IllegalStateException("order " + order.orderId + " is already pooled");
    }
    if (size == maxSize) {
      return;
    }
    if (size == free.length) {
      free = Arrays.copyOf(free, Math.min(maxSize, free.length * 2));
    }
    order.pooled = true;
    free[size++] = order;
  }

  int size() {
    return size;
  }

  /** The {@code i}-th free order, for tests. */
  Order free(int i) {
    return free[i];
  }
}
