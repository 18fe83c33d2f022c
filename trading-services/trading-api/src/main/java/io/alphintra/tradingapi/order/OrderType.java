package io.alphintra.tradingapi.order;

/** The order types the connector supports. */
public enum OrderType {
  LIMIT,
  MARKET,
  LIMIT_MAKER;

  public boolean hasPrice() {
    return this != MARKET;
  }
}
