package io.alphintra.brokersimulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of an engine's last command, written into one reused object so that commands allocate
 * no result: a rejection, or the order's state after the command plus the taker fills it produced.
 * Owned by the engine's writer and valid only until that engine's next command; {@link #toReport}
 * copies it into an immutable {@link ExecutionReport}.
 */
public final class CommandResult {

  private final String symbol;
  private Rejection rejection;
  private Order order;
  private long orderId;
  private OrderStatus status;
  private long executedLots;
  private long remainingLots;
  private int fillCount;
  private long[] fillTradeIds = new long[8];
  private long[] fillPrices = new long[8];
  private long[] fillLots = new long[8];
  private long[] fillCommissions = new long[8];
  private int[] fillCommissionAssets = new int[8];

  CommandResult(String symbol) {
    this.symbol = symbol;
  }

  CommandResult rejected(Rejection why) {
    rejection = why;
    order = null;
    orderId = 0;
    status = OrderStatus.REJECTED;
    executedLots = 0;
    remainingLots = 0;
    fillCount = 0;
    return this;
  }

  /** Starts a result about {@code order}; fills follow, {@link #complete} ends it. */
  void begin(Order order) {
    rejection = null;
    this.order = order;
    fillCount = 0;
  }

  void addFill(long tradeId, long priceTicks, long lots, long commission, int commissionAsset) {
    if (fillCount == fillTradeIds.length) {
      int grown = fillCount * 2;
      fillTradeIds = Arrays.copyOf(fillTradeIds, grown);
      fillPrices = Arrays.copyOf(fillPrices, grown);
      fillLots = Arrays.copyOf(fillLots, grown);
      fillCommissions = Arrays.copyOf(fillCommissions, grown);
      fillCommissionAssets = Arrays.copyOf(fillCommissionAssets, grown);
    }
    fillTradeIds[fillCount] = tradeId;
    fillPrices[fillCount] = priceTicks;
    fillLots[fillCount] = lots;
    fillCommissions[fillCount] = commission;
    fillCommissionAssets[fillCount] = commissionAsset;
    fillCount++;
  }

  /** Copies the order's state as the command left it. */
  CommandResult complete() {
    orderId = order.orderId;
    status = order.status;
    executedLots = order.executedLots;
    remainingLots = order.remainingLots();
    return this;
  }

  public boolean isRejected() {
    return rejection != null;
  }

  /** Why the command was refused; null when it was not. */
  public Rejection rejection() {
    return rejection;
  }

  public long orderId() {
    return orderId;
  }

  public OrderStatus status() {
    return status;
  }

  public long executedLots() {
    return executedLots;
  }

  public long remainingLots() {
    return remainingLots;
  }

  public int fillCount() {
    return fillCount;
  }

  public long fillTradeId(int fill) {
    return fillTradeIds[checked(fill)];
  }

  public long fillPriceTicks(int fill) {
    return fillPrices[checked(fill)];
  }

  public long fillLots(int fill) {
    return fillLots[checked(fill)];
  }

  public long fillCommissionUnits(int fill) {
    return fillCommissions[checked(fill)];
  }

  public int fillCommissionAsset(int fill) {
    return fillCommissionAssets[checked(fill)];
  }

  /** An immutable copy: the order's snapshot and its fills (taker side), or the rejection. */
  public ExecutionReport toReport() {
    if (rejection != null) {
      return ExecutionReport.rejected(rejection);
    }
    List<Fill> fills = new ArrayList<>(fillCount);
    for (int i = 0; i < fillCount; i++) {
      fills.add(
          new Fill(
              fillTradeIds[i],
              fillPrices[i],
              fillLots[i],
              fillCommissions[i],
              fillCommissionAssets[i],
              false));
    }
    return new ExecutionReport(order.snapshot(symbol), fills, null);
  }

  private int checked(int fill) {
    if (fill < 0 || fill >= fillCount) {
      throw new IndexOutOfBoundsException("fill " + fill + " of " + fillCount);
    }
    return fill;
  }
}
