package io.alphintra.strategyengine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A cut connection between engine and connector: the engine re-opens the stream with backoff,
 * fetches a fresh book snapshot and its candles go on.
 */
class MarketDataReconnectIT {

  @Test
  void aCutStreamIsReopenedTheBookRefetchedAndCandlesGoOn() {
    int connectorPort = URI.create(MarketStack.shared().connectorUrl()).getPort();
    try (TcpProxy proxy = new TcpProxy(connectorPort);
        RunningEngine engine =
            RunningEngine.start(
                RunningEngine.smaCrossover("reconnecting-sma", "Paper", "null"),
                "http://127.0.0.1:" + proxy.port())) {
      await("candles and a book")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  engine.metric("strategy_candles_total") >= 2
                      && engine.metric("strategy_book_snapshots_total") >= 1);
      assertThat(engine.metric("strategy_marketdata_connected")).isEqualTo(1.0);
      double snapshots = engine.metric("strategy_book_snapshots_total");

      proxy.dropAll();

      await("re-opened")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> engine.metric("strategy_marketdata_reconnects_total") >= 1);
      await("a fresh book snapshot")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> engine.metric("strategy_book_snapshots_total") > snapshots);
      double candles = engine.metric("strategy_candles_total");
      await("candles after the cut")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> engine.metric("strategy_candles_total") >= candles + 2);
      assertThat(engine.metric("strategy_marketdata_connected")).isEqualTo(1.0);
      assertThat(engine.phase()).isEqualTo("RUNNING");
    }
  }
}
