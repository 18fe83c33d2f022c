package io.alphintra.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Health checks against a server that keeps connections alive: every check opens connections of its
 * own, so checking a color through its Service reaches the Service's current pods, not the pod an
 * earlier check's connection went to.
 */
class HealthCheckerTest {
  @Test
  void everyCheckOpensAConnectionOfItsOwn() throws Exception {
    try (KeepAliveServer server = new KeepAliveServer("{\"status\":\"UP\"}");
        HealthChecker checker = new HealthChecker(Duration.ofSeconds(5))) {
      List<java.net.URI> urls =
          List.of(
              server.url("/actuator/health/readiness"), server.url("/actuator/health/liveness"));

      assertThat(checker.check(urls, Duration.ofSeconds(5)).success()).isTrue();
      assertThat(checker.check(urls, Duration.ofSeconds(5)).success()).isTrue();

      assertThat(server.connections()).isEqualTo(4);
    }
  }
}
