package io.alphintra.tradingapi.order;

/** How long a LIMIT order rests. */
public enum TimeInForce {
  GTC,
  IOC,
  FOK
}
