package io.alphintra.strategyengine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A Paper SmaCrossover strategy on the real simulator's BTCUSDT flow through the real connector:
 * trades become 1-second candles, a crossover fires, the order fills against the observed book and
 * PnL moves; then suspend, resume and drain as the Strategy controller calls them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaperTradingIT {

  private static final Duration SIGNAL_WAIT = Duration.ofSeconds(90);
  private static RunningEngine engine;

  @BeforeAll
  static void start() {
    engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("paper-sma", "Paper", "null"),
            MarketStack.shared().connectorUrl());
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  @Order(1)
  void signalsOnCandlesFromStreamedTradesFillOnPaperAndMovePnl() {
    await("RUNNING").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("RUNNING"));

    await("a paper fill")
        .atMost(SIGNAL_WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> engine.metric("strategy_fills_total") >= 1);

    JsonNode status = engine.status();
    assertThat(status.path("mode").asString()).isEqualTo("Paper");
    assertThat(status.path("revision").asString()).isEqualTo("rev-paper-sma");
    assertThat(status.path("ordersToday").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(status.path("openOrders").asInt()).as("paper orders never stay open").isZero();
    assertThat(status.path("lastSignalTime").isNull()).isFalse();
    assertThat(status.path("haltReason").isNull()).isTrue();
    // The fee of the first (buy) fill is realized at once: PnL moved off zero.
    assertThat(new BigDecimal(status.path("realizedPnl").asString())).isNotZero();
    assertThat(status.path("realizedPnl").isString()).as("money as strings").isTrue();
    assertThat(engine.metric("strategy_candles_total")).isGreaterThanOrEqualTo(4);
    assertThat(engine.metric("strategy_orders_total", "outcome=\"filled\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(engine.metric("strategy_phase", "phase=\"RUNNING\"")).isEqualTo(1.0);
    assertThat(engine.get("/actuator/health/readiness").status()).isEqualTo(200);

    AtomicReference<JsonNode> withPosition = new AtomicReference<>();
    await("a long position marked at the last price")
        .atMost(SIGNAL_WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> hasPosition(withPosition.updateAndGet(ignored -> engine.status())));
    JsonNode position = withPosition.get().path("positions").get(0);
    assertThat(position.path("symbol").asString()).isEqualTo("BTCUSDT");
    assertThat(new BigDecimal(position.path("quantity").asString())).isEqualByComparingTo("0.01");
    assertThat(new BigDecimal(position.path("averagePrice").asString())).isPositive();
    // The unrealized PnL follows the simulator's price: it leaves zero within a few trades.
    await("unrealized PnL moves")
        .atMost(SIGNAL_WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> new BigDecimal(engine.status().path("unrealizedPnl").asString()).signum() != 0);
  }

  @Test
  @Order(2)
  void suspendStopsOrdersWhileCandlesGoOnAndResumeTradesAgain() {
    RunningEngine.Reply suspended = engine.control("suspend");

    assertThat(suspended.status()).isEqualTo(202);
    assertThat(suspended.body().path("phase").asString()).isEqualTo("SUSPENDED");
    long orders = engine.status().path("ordersToday").asLong();
    double signals = engine.metric("strategy_signals_total");
    await("more signals while suspended")
        .atMost(SIGNAL_WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> engine.metric("strategy_signals_total") >= signals + 2);
    assertThat(engine.status().path("ordersToday").asLong()).isEqualTo(orders);
    assertThat(engine.metric("strategy_phase", "phase=\"SUSPENDED\"")).isEqualTo(1.0);

    RunningEngine.Reply resumed = engine.control("resume");

    assertThat(resumed.status()).isEqualTo(202);
    assertThat(resumed.body().path("phase").asString()).isEqualTo("RUNNING");
    await("an order after the resume")
        .atMost(SIGNAL_WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> engine.status().path("ordersToday").asLong() > orders);
  }

  @Test
  @Order(3)
  void anUnknownActionIs404WithAJsonError() {
    RunningEngine.Reply reply = engine.control("explode");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().path("error").asString()).contains("use suspend, resume or drain");
  }

  @Test
  @Order(4)
  void drainEndsTradingForGoodAndIsIdempotent() {
    RunningEngine.Reply drained = engine.control("drain");

    assertThat(drained.status()).isEqualTo(202);
    // Paper orders are never open, so there is nothing to wait for.
    assertThat(drained.body().path("phase").asString()).isEqualTo("DRAINED");
    assertThat(drained.body().path("openOrders").asInt()).isZero();
    assertThat(engine.control("drain").body().path("phase").asString()).isEqualTo("DRAINED");
    long orders = engine.status().path("ordersToday").asLong();
    double signals = engine.metric("strategy_signals_total");

    await("more signals after the drain")
        .atMost(SIGNAL_WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> engine.metric("strategy_signals_total") >= signals + 2);
    assertThat(engine.status().path("ordersToday").asLong()).isEqualTo(orders);
    RunningEngine.Reply resume = engine.control("resume");
    assertThat(resume.status()).isEqualTo(409);
    assertThat(resume.body().path("error").asString()).contains("cannot resume a DRAINED engine");
    assertThat(engine.phase()).isEqualTo("DRAINED");
  }

  private static boolean hasPosition(JsonNode status) {
    return status.path("positions").size() == 1
        && new BigDecimal(status.path("positions").get(0).path("quantity").asString()).signum()
            != 0;
  }
}
