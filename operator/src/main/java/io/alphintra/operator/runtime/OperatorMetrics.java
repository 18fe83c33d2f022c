package io.alphintra.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/**
 * Prometheus metrics of the operator: reconciliations, their duration and outcome, and domain
 * transitions.
 */
public final class OperatorMetrics implements Metrics {
  private final Counter reconciliations;
  private final Histogram reconcileSeconds;
  private final Counter conditionTransitions;
  private final Counter rolloutTransitions;
  private final Counter strategyPhases;
  private final Counter strategyDrains;

  public OperatorMetrics(CollectorRegistry registry) {
    reconciliations =
        Counter.build(
                "alphintra_reconciliations_total", "Reconciliations by controller and result.")
            .labelNames("controller", "result")
            .register(registry);
    reconcileSeconds =
        Histogram.build("alphintra_reconcile_duration_seconds", "Time spent in one reconciliation.")
            .labelNames("controller")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    conditionTransitions =
        Counter.build(
                "alphintra_condition_transitions_total",
                "Status condition flips by kind, condition type and new status.")
            .labelNames("kind", "type", "status")
            .register(registry);
    rolloutTransitions =
        Counter.build(
                "alphintra_rollout_phase_transitions_total",
                "Blue-green rollout phase transitions by target phase.")
            .labelNames("phase")
            .register(registry);
    strategyPhases =
        Counter.build(
                "alphintra_strategy_phase_transitions_total",
                "Strategy phase transitions by target phase.")
            .labelNames("phase")
            .register(registry);
    strategyDrains =
        Counter.build(
                "alphintra_strategy_drains_total",
                "Finished drains of strategy engines by reason and outcome (drained or timed-out).")
            .labelNames("reason", "outcome")
            .register(registry);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Histogram.Timer timer = reconcileSeconds.labels(execution.controllerName()).startTimer();
    try {
      T result = execution.execute();
      reconciliations.labels(execution.controllerName(), execution.successTypeName(result)).inc();
      return result;
    } catch (Exception e) {
      reconciliations.labels(execution.controllerName(), "error").inc();
      throw e;
    } finally {
      timer.observeDuration();
    }
  }

  public void conditionChanged(String kind, String type, String status) {
    conditionTransitions.labels(kind, type, status).inc();
  }

  public void rolloutPhase(String phase) {
    rolloutTransitions.labels(phase).inc();
  }

  public void strategyPhase(String phase) {
    strategyPhases.labels(phase).inc();
  }

  public void strategyDrain(String reason, String outcome) {
    strategyDrains.labels(reason, outcome).inc();
  }
}
