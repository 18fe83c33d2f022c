package io.alphintra.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  @Test
  void strategyPhasesAndFinishedDrainsAreCountedByLabel() {
    CollectorRegistry registry = new CollectorRegistry(true);
    OperatorMetrics metrics = new OperatorMetrics(registry);

    metrics.strategyPhase("Running");
    metrics.strategyPhase("Running");
    metrics.strategyDrain("Update", "drained");
    metrics.strategyDrain("Delete", "timed-out");

    assertThat(
            registry.getSampleValue(
                "alphintra_strategy_phase_transitions_total",
                new String[] {"phase"},
                new String[] {"Running"}))
        .isEqualTo(2.0);
    assertThat(
            registry.getSampleValue(
                "alphintra_strategy_drains_total",
                new String[] {"reason", "outcome"},
                new String[] {"Update", "drained"}))
        .isEqualTo(1.0);
    assertThat(
            registry.getSampleValue(
                "alphintra_strategy_drains_total",
                new String[] {"reason", "outcome"},
                new String[] {"Delete", "timed-out"}))
        .isEqualTo(1.0);
  }
}
