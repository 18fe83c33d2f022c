package io.alphintra.api.v1alpha1;

/** Whether a strategy's orders reach a real account. */
public enum TradingMode {
  /** Orders are simulated against market data; nothing reaches the broker account. */
  Paper,
  /** Orders go to the broker account; needs risk limits and a Ready BrokerConnection. */
  Live
}
