package io.alphintra.tradingapi.order;

/** BUY or SELL. */
public enum Side {
  BUY,
  SELL;

  /** +1 for BUY, -1 for SELL. */
  public int sign() {
    return this == BUY ? 1 : -1;
  }
}
