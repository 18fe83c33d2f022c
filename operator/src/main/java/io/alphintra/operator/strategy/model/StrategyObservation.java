package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.operator.common.Problem;

/**
 * What one reconcile of a Strategy decides from, read once before deciding.
 *
 * @param strategy the Strategy as read
 * @param inputs what its children are built from; null when its environment does not exist
 * @param blocker what keeps a new instance from starting (a missing environment or connection, or
 *     for Live a connection or environment that is not Ready), or null
 * @param running the instance its Deployment runs, or null when there is no Deployment
 * @param report what the running engine reported, or null when no instance is active
 */
public record StrategyObservation(
    Strategy strategy,
    StrategyInputs inputs,
    Problem blocker,
    RunningInstance running,
    EngineReport report) {

  /** The same observation with what the engine answered to a control request. */
  public StrategyObservation withReport(EngineReport next) {
    return new StrategyObservation(strategy, inputs, blocker, running, next);
  }

  /** Whether an engine pod may be running. */
  public boolean active() {
    return running != null && running.active();
  }
}
