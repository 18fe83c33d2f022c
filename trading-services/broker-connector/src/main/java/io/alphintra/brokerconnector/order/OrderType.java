package io.alphintra.brokerconnector.order;

/** Order types the connector supports; LIMIT_MAKER is a post-only limit order. */
public enum OrderType {
  LIMIT,
  MARKET,
  LIMIT_MAKER;

  public boolean hasPrice() {
    return this != MARKET;
  }
}
