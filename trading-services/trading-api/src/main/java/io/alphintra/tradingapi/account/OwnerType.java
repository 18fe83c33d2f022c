package io.alphintra.tradingapi.account;

/** Whom an account belongs to: a person (TRADER/QUANT, by token subject) or a strategy. */
public enum OwnerType {
  USER,
  STRATEGY
}
