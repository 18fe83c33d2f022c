package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.RiskLimits;
import io.alphintra.api.v1alpha1.SmaCrossoverParameters;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.api.v1alpha1.StrategyType;
import io.alphintra.api.v1alpha1.TradingMode;
import java.util.List;

/** Strategies for the model's tests. */
final class Strategies {
  static final RiskLimits RISK = new RiskLimits("5000", "1000", "200", "10", 60);

  private Strategies() {}

  static StrategySpec paper() {
    return spec(TradingMode.Paper, null, 5, false, null);
  }

  static StrategySpec live() {
    return spec(TradingMode.Live, RISK, 5, false, null);
  }

  static StrategySpec spec(
      TradingMode mode,
      RiskLimits risk,
      int fastPeriod,
      boolean suspend,
      ComputeResources resources) {
    return new StrategySpec(
        new LocalObjectReference("dev"),
        new LocalObjectReference("sim"),
        StrategyType.SmaCrossover,
        new SmaCrossoverParameters(fastPeriod, 20, "0.01"),
        null,
        List.of("BTCUSDT"),
        null,
        mode,
        risk,
        "10000",
        suspend,
        resources);
  }

  static Strategy strategy(StrategySpec spec) {
    return strategy(spec, null);
  }

  static Strategy strategy(StrategySpec spec, StrategyStatus status) {
    Strategy s = new Strategy();
    s.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("sma-btc")
            .withNamespace("desk")
            .withUid("strategy-uid")
            .withGeneration(3L)
            .build());
    s.setSpec(spec);
    s.setStatus(status);
    return s;
  }

  static StrategyInputs inputs(Strategy strategy) {
    return new StrategyInputs(
        strategy, "dev", "1.4.2", "registry.test/alphintra", "alphintra-system");
  }
}
