package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.Strategy;

/**
 * What the desired state of a Strategy is computed from.
 *
 * @param strategy the Strategy
 * @param environment name of its TradingEnvironment (labels the pods into the environment's policy
 *     graph; names trading-api and auth-service)
 * @param version the image tag: the version the environment runs
 * @param imageRegistry registry of the image
 * @param operatorNamespace where the operator runs, admitted to the engine's port; null admits no
 *     one
 */
public record StrategyInputs(
    Strategy strategy,
    String environment,
    String version,
    String imageRegistry,
    String operatorNamespace) {

  public String name() {
    return strategy.getMetadata().getName();
  }

  public String brokerConnection() {
    return strategy.getSpec().brokerConnectionRef().name();
  }
}
