package io.alphintra.strategyengine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A Paper MeanReversion strategy on the simulator's flow enters and leaves positions. */
class MeanReversionPaperIT {

  @Test
  void zScoreSignalsOnStreamedCandlesFillOnPaperBothWays() {
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.meanReversion("paper-mr"), MarketStack.shared().connectorUrl())) {

      // Entries against the move and exits back to flat: fills on both sides.
      await("a paper buy and a paper sell")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  engine.metric("strategy_orders_total", "side=\"buy\"", "outcome=\"filled\"") >= 1
                      && engine.metric(
                              "strategy_orders_total", "side=\"sell\"", "outcome=\"filled\"")
                          >= 1);

      JsonNode status = engine.status();
      assertThat(status.path("phase").asString()).isEqualTo("RUNNING");
      assertThat(status.path("revision").asString()).isEqualTo("rev-paper-mr");
      assertThat(status.path("ordersToday").asLong()).isGreaterThanOrEqualTo(2);
      assertThat(status.path("lastSignalTime").isNull()).isFalse();
      assertThat(status.path("realizedPnl").asString()).isNotEqualTo("0");
    }
  }
}
