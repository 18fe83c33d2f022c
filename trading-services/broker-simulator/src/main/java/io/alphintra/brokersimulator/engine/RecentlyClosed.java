package io.alphintra.brokersimulator.engine;

/**
 * The final state of the last {@code capacity} closed orders, oldest first, in a ring that never
 * reallocates and holds no {@link Order}: closing copies the order's fields into flat arrays (one
 * stretch of eight longs per order, written in sequence), so the order object goes straight back to
 * its pool while it is still in cache, and eviction reads nothing. Ids sit in a parallel array, so
 * a lookup by id scans contiguous longs.
 */
final class RecentlyClosed {

  private static final int STRIDE = 8;
  private static final int META = 0;
  private static final int PRICE = 1;
  private static final int ORIGINAL = 2;
  private static final int EXECUTED = 3;
  private static final int CUMULATIVE_QUOTE = 4;
  private static final int TIME = 5;
  private static final int UPDATE_TIME = 6;
  private static final int QUOTE_ORDER_QTY = 7;

  private static final Side[] SIDES = Side.values();
  private static final OrderType[] TYPES = OrderType.values();
  private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
  private static final OrderStatus[] STATUSES = OrderStatus.values();

  private final long[] ids;
  private final long[] fields;
  // Null for internal flow; an API order's client order id, so its eviction can be followed up.
  private final String[] clientOrderIds;
  private int oldest;
  private int size;

  RecentlyClosed(int capacity) {
    ids = new long[capacity];
    fields = new long[capacity * STRIDE];
    clientOrderIds = new String[capacity];
  }

  /**
   * Records a closed order's final state. Returns the id of the API order (one with a client order
   * id) this pushed out of the ring, or 0 when it pushed out none or an internal-flow one.
   */
  long add(Order order) {
    int capacity = ids.length;
    if (capacity == 0) {
      return order.clientOrderId == null ? 0 : order.orderId;
    }
    int slot;
    long evicted = 0;
    if (size < capacity) {
      slot = size++;
    } else {
      slot = oldest;
      if (clientOrderIds[slot] != null) {
        evicted = ids[slot];
      }
      if (++oldest == capacity) {
        oldest = 0;
      }
    }
    ids[slot] = order.orderId;
    clientOrderIds[slot] = order.clientOrderId;
    int at = slot * STRIDE;
    fields[at + META] =
        (long) order.accountId << 32
            | order.side.ordinal() << 24
            | order.type.ordinal() << 16
            | order.timeInForce.ordinal() << 8
            | order.status.ordinal();
    fields[at + PRICE] = order.priceTicks;
    fields[at + ORIGINAL] = order.originalLots;
    fields[at + EXECUTED] = order.executedLots;
    fields[at + CUMULATIVE_QUOTE] = order.cumulativeQuoteUnits;
    fields[at + TIME] = order.timeMillis;
    fields[at + UPDATE_TIME] = order.updateTimeMillis;
    fields[at + QUOTE_ORDER_QTY] = order.quoteOrderQtyUnits;
    return evicted;
  }

  /** The kept order with this id as it was closed, or null; newest first, a scan of the ids. */
  OrderSnapshot find(String symbol, long orderId) {
    int slot = slotOf(orderId);
    return slot < 0 ? null : snapshot(symbol, slot);
  }

  /** The {@code i}-th oldest kept order as it was closed. */
  OrderSnapshot get(String symbol, int i) {
    return snapshot(symbol, index(i));
  }

  /** The id of the {@code i}-th oldest kept order. */
  long idAt(int i) {
    return ids[index(i)];
  }

  /** The client order id of the {@code i}-th oldest kept order; null for internal flow. */
  String clientOrderIdAt(int i) {
    return clientOrderIds[index(i)];
  }

  int size() {
    return size;
  }

  private int index(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("closed order " + i + " of " + size);
    }
    int index = oldest + i;
    return index < ids.length ? index : index - ids.length;
  }

  private int slotOf(long orderId) {
    int newest = oldest + size - 1;
    // Once the ring has wrapped, the newest orders are the ones before the oldest.
    for (int i = newest - ids.length; i >= 0; i--) {
      if (ids[i] == orderId) {
        return i;
      }
    }
    for (int i = Math.min(newest, ids.length - 1); i >= oldest; i--) {
      if (ids[i] == orderId) {
        return i;
      }
    }
    return -1;
  }

  private OrderSnapshot snapshot(String symbol, int slot) {
    int at = slot * STRIDE;
    long meta = fields[at + META];
    return new OrderSnapshot(
        symbol,
        ids[slot],
        (int) (meta >>> 32),
        clientOrderIds[slot],
        SIDES[(int) (meta >>> 24) & 0xff],
        TYPES[(int) (meta >>> 16) & 0xff],
        TIMES_IN_FORCE[(int) (meta >>> 8) & 0xff],
        fields[at + PRICE],
        fields[at + ORIGINAL],
        fields[at + EXECUTED],
        fields[at + CUMULATIVE_QUOTE],
        STATUSES[(int) meta & 0xff],
        fields[at + TIME],
        fields[at + UPDATE_TIME],
        fields[at + QUOTE_ORDER_QTY]);
  }
}
