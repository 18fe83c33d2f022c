package io.alphintra.brokersimulator.engine;

/** Order statuses with Binance Spot's names. */
public enum OrderStatus {
  NEW,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  REJECTED,
  EXPIRED,
  /** Expired by self-trade prevention (EXPIRE_TAKER). */
  EXPIRED_IN_MATCH;

  public boolean isOpen() {
    return this == NEW || this == PARTIALLY_FILLED;
  }
}
