package io.alphintra.api.v1alpha1;

/** A one-word summary of a Strategy. */
public enum StrategyPhase {
  Pending,
  Running,
  Suspended,
  /**
   * A risk limit was breached; the engine stopped trading until trading.alphintra.io/reset-halt is
   * set.
   */
  Halted,
  Failed
}
