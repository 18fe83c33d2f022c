package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.Strategy;

/** Names of everything a Strategy owns; shared by builders, reconciler and tests. */
public final class StrategyNames {
  private StrategyNames() {}

  /**
   * The strategy-engine Deployment, Service and ServiceAccount; auth-service expects strategy
   * {@code <name>} to run as service account {@code <name>-strategy}.
   */
  public static String engine(Strategy strategy) {
    return strategy.getMetadata().getName() + "-strategy";
  }

  /** The ConfigMap with strategy.json. */
  public static String config(Strategy strategy) {
    return engine(strategy) + "-config";
  }

  /** The NetworkPolicy of the engine's pods. */
  public static String policy(Strategy strategy) {
    return engine(strategy);
  }
}
