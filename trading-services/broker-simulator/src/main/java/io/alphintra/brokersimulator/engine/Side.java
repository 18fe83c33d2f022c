package io.alphintra.brokersimulator.engine;

/** The side of an order: BUY takes from the asks, SELL takes from the bids. */
public enum Side {
  BUY,
  SELL;

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }
}
