package io.alphintra.tradingapi.security;

/** The roles auth-service puts in an access token's {@code roles} claim. */
public enum Role {
  ADMIN,
  TRADER,
  QUANT,
  VIEWER,
  STRATEGY
}
