package io.alphintra.tradingapi.risk;

/** Why pre-trade risk refused an order: stable codes callers may branch on. */
public enum RiskReason {
  KILL_SWITCH,
  SYMBOL_NOT_ALLOWED,
  PRICE_BAND,
  LAST_PRICE_UNAVAILABLE,
  MAX_ORDER_NOTIONAL,
  MAX_POSITION_NOTIONAL,
  MAX_OPEN_ORDERS,
  ORDER_RATE
}
