package io.alphintra.authservice.user;

/**
 * What a caller may do on the platform. STRATEGY is only ever issued to workloads, never assigned
 * to a user.
 */
public enum Role {
  ADMIN,
  TRADER,
  QUANT,
  VIEWER,
  STRATEGY;

  /** Roles an ADMIN may give a user account. */
  public boolean assignableToUsers() {
    return this != STRATEGY;
  }
}
