package io.alphintra.brokersimulator.engine;

/** Why the engine refused a command; the API edge maps each to a Binance error code. */
public enum Rejection {
  INSUFFICIENT_BALANCE,
  DUPLICATE_CLIENT_ORDER_ID,
  POST_ONLY_WOULD_TAKE,
  UNKNOWN_ORDER,
  INVALID_AMEND_QUANTITY,
  /** A quote-sized MARKET order found less than one lot on the book. */
  INSUFFICIENT_LIQUIDITY
}
