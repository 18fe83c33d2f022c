package io.alphintra.brokersimulator.engine;

/** What happened to an order in one update; names are Binance's {@code executionReport} "x". */
public enum ExecutionType {
  NEW,
  CANCELED,
  /** The quantity was amended down, keeping priority. */
  REPLACED,
  TRADE,
  EXPIRED,
  /** Expired by self-trade prevention. */
  TRADE_PREVENTION
}
