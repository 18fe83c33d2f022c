package io.alphintra.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import org.junit.jupiter.api.Test;

/**
 * Connectors follow the environment's promoted version, not the one being (or failed to be) rolled
 * out.
 */
class RunningVersionTest {
  @Test
  void aRolledBackReleaseNeverReachesTheConnector() {
    TradingEnvironment te = environment("2.0.0");
    te.setStatus(
        new TradingEnvironmentStatus(2L, null, null, Color.blue, "1.0.0", null, null, null, null));
    assertThat(BrokerObserver.runningVersion(te)).isEqualTo("1.0.0");
  }

  @Test
  void aPromotionInItsPostPromotionWindowReachesTheConnectorOnlyOnceTheWindowPassed() {
    TradingEnvironment te = environment("2.0.0");
    te.setStatus(status(RolloutPhase.Promoted));
    assertThat(BrokerObserver.runningVersion(te)).isEqualTo("1.0.0");

    te.setStatus(status(RolloutPhase.Completed));
    assertThat(BrokerObserver.runningVersion(te)).isEqualTo("2.0.0");
  }

  private static TradingEnvironmentStatus status(RolloutPhase phase) {
    RolloutStatus rollout =
        new RolloutStatus(
            2L,
            phase,
            Color.blue,
            Color.green,
            "1.0.0",
            "2.0.0",
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new TradingEnvironmentStatus(
        3L, null, null, Color.green, "2.0.0", null, null, rollout, null);
  }

  @Test
  void beforeTheEnvironmentRecordedAVersionTheSpecDecides() {
    assertThat(BrokerObserver.runningVersion(environment("1.0.0"))).isEqualTo("1.0.0");
  }

  private static TradingEnvironment environment(String version) {
    TradingEnvironment te = new TradingEnvironment();
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Staging, version, null, null, null, null, null, null, null));
    return te;
  }
}
