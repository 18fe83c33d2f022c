package io.alphintra.brokersimulator.engine;

/** Order types the simulator matches; names are Binance Spot's. */
public enum OrderType {
  LIMIT,
  MARKET,
  /** Post-only: rejected instead of taking liquidity. */
  LIMIT_MAKER
}
