package io.alphintra.brokersimulator.engine;

/**
 * Recycles the {@link Order}s an engine no longer references, so steady-state order flow allocates
 * no orders. Filled up front with {@code capacity} orders, allocated together at construction; an
 * order that closes comes straight back (the closed-order ring keeps a copy of its fields, not the
 * object), newest first, so the orders in use stay few and warm. An order may only come back once
 * it is neither resting nor open; {@link #release} refuses a live one. More orders than the
 * capacity can be in use at once (those are allocated); the pool keeps at most the capacity free.
 */
final class OrderPool {

  private Order[] free;
  private int size;
  private final int maxSize;

  OrderPool(int capacity) {
    this.maxSize = capacity;
    this.free = new Order[capacity];
    // Allocated in one go, the orders sit next to each other in the heap.
    for (int i = 0; i < capacity; i++) {
      Order order = new Order();
      order.status = OrderStatus.CANCELED;
      order.pooled = true;
      free[i] = order;
    }
    size = capacity;
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
