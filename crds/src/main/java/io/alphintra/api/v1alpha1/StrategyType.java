package io.alphintra.api.v1alpha1;

/** The built-in strategies; each has its own parameter block in the spec. */
public enum StrategyType {
  /**
   * Buys when the fast simple moving average crosses above the slow one, sells on the cross below.
   */
  SmaCrossover,
  /** Trades back towards the rolling mean when the price's z-score leaves a band. */
  MeanReversion
}
