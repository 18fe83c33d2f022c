package io.alphintra.strategyengine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A risk limit breached by the first order halts the strategy and says why; resume clears it. */
class RiskHaltIT {

  @Test
  void anOrderAboveMaxOrderNotionalHaltsWithTheLimitAndValueAndResumeClearsIt() {
    // 0.01 BTC at about 60000 is about 600: above the 100 allowed per order.
    String risk =
        """
        {"maxPositionNotional":"5000","maxOrderNotional":"100","maxDailyLoss":"200",
         "maxDrawdownPercent":"10","maxOrdersPerMinute":60}
        """;
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("halting-sma", "Paper", risk),
            MarketStack.shared().connectorUrl())) {

      await("HALTED")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> engine.phase().equals("HALTED"));

      JsonNode status = engine.status();
      assertThat(status.path("haltReason").asString())
          .matches("maxOrderNotional 100 breached: order notional \\d+\\.\\d{2}");
      assertThat(status.path("ordersToday").asLong())
          .as("the breaching order was not sent")
          .isZero();
      assertThat(status.path("openOrders").asInt()).isZero();
      assertThat(status.path("positions").size()).isZero();
      assertThat(engine.metric("strategy_phase", "phase=\"HALTED\"")).isEqualTo(1.0);

      RunningEngine.Reply resumed = engine.control("resume");

      assertThat(resumed.status()).isEqualTo(202);
      assertThat(resumed.body().path("phase").asString()).isEqualTo("RUNNING");
      assertThat(resumed.body().path("haltReason").isNull()).isTrue();
      // The limit still holds: the next buy signal halts it again.
      await("HALTED again")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> engine.phase().equals("HALTED"));
      assertThat(engine.status().path("ordersToday").asLong()).isZero();
    }
  }

  @Test
  void anUnreadableStrategyIsFailedWithTheFieldToFix() {
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("broken", "Live", "null"),
            MarketStack.shared().connectorUrl())) {
      JsonNode status = engine.status();

      assertThat(status.path("phase").asString()).isEqualTo("FAILED");
      assertThat(status.path("failureReason").asString())
          .contains("risk is required in Live mode: set maxPositionNotional");
      assertThat(engine.get("/actuator/health/liveness").status()).isEqualTo(200);
    }
  }
}
