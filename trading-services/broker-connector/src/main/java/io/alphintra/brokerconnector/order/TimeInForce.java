package io.alphintra.brokerconnector.order;

/** How long a LIMIT order works: until canceled, immediate-or-cancel, or fill-or-kill. */
public enum TimeInForce {
  GTC,
  IOC,
  FOK
}
