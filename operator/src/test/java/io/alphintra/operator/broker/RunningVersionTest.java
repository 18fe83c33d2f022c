package io.alphintra.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import org.junit.jupiter.api.Test;

/**
 * Connectors and simulators follow the environment's promoted version, not the one being (or failed
 * to be) rolled out.
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
