package io.alphintra.brokerconnector.order;

/** Buy or sell. */
public enum Side {
  BUY,
  SELL
}
