package io.alphintra.strategyengine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live mode against the real trading-api, connector and simulator: a STRATEGY token from the pod's
 * service-account token, orders on the strategy's own account, a 503 retried with the same
 * clientOrderId, fills back into positions, and a restarted engine rebuilding them before it
 * trades.
 */
class LiveTradingIT {

  private static final String RISK =
      """
      {"maxPositionNotional":"5000","maxOrderNotional":"1000","maxDailyLoss":"500",
       "maxDrawdownPercent":"50","maxOrdersPerMinute":60}
      """;
  private static final Duration SIGNAL_WAIT = Duration.ofSeconds(90);

  @Test
  void withoutAnAccountTheEngineFailsAndTellsAnAdminWhatToCreate() {
    LiveStack stack = LiveStack.shared();
    stack.auth().knowServiceAccount("sa-token-orphan", "live-orphan");
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("live-orphan", "Live", RISK),
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-orphan"))) {

      await("FAILED").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("FAILED"));

      assertThat(engine.status().path("failureReason").asString())
          .contains("trading-api has no account for strategy live-orphan")
          .contains("an ADMIN must create one")
          .contains("ownerType STRATEGY, ownerId live-orphan");
    }
  }

  @Test
  void theEngineStaysStartingUntilTradingApiCanRouteItsAccountsOrders() {
    LiveStack stack = LiveStack.shared();
    // The BrokerConnection is new: the kubelet has not yet refreshed trading-api's connectors file.
    stack.createStrategyAccount("acc-live-late", "live-late", "sim-late");
    stack.auth().knowServiceAccount("sa-token-live-late", "live-late");
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("live-late", "Live", RISK),
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-live-late"))) {

      JsonNode waiting =
          await("STARTING with the reason")
              .atMost(Duration.ofSeconds(30))
              .until(engine::status, status -> status.hasNonNull("startingReason"));

      assertThat(waiting.path("phase").asString()).isEqualTo("STARTING");
      assertThat(waiting.path("startingReason").asString())
          .contains("trading-api has no connector for BrokerConnection sim-late")
          .contains("mounted ConfigMap, refreshed by the kubelet about once a minute");
      assertThat(stack.adminGet("/api/v1/accounts/acc-live-late/orders?size=500")).isEmpty();

      stack.connectorsFileAlsoNames("sim-late");

      JsonNode running =
          await("RUNNING once routable")
              .atMost(Duration.ofSeconds(30))
              .until(engine::status, status -> status.path("phase").asString().equals("RUNNING"));
      assertThat(running.path("startingReason").isNull()).isTrue();
    } finally {
      stack.connectorsFileAlsoNames(null);
    }
  }

  @Test
  void aServiceAccountTokenAuthServiceRefusesFailsTheEngineWithoutRevealingIt() {
    LiveStack stack = LiveStack.shared();
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("live-stranger", "Live", RISK),
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-nobody-knows"))) {

      await("FAILED").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("FAILED"));

      assertThat(engine.status().path("failureReason").asString())
          .contains("auth-service refused the strategy's service-account token (401)")
          .doesNotContain("sa-token-nobody-knows");
    }
  }

  @Test
  void
      aPlacementTradingApiCouldNotSendIsRetriedWithItsClientOrderIdAndPlacedOnceItsConnectorIsBack() {
    LiveStack stack = LiveStack.shared();
    stack.createStrategyAccount("acc-live-outage", "live-outage");
    stack.auth().knowServiceAccount("sa-token-live-outage", "live-outage");
    int before = stack.proxy().placements().size();
    stack.connectorReachable(false);
    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("live-outage", "Live", RISK),
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-live-outage"))) {
      await("RUNNING").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("RUNNING"));
      // trading-api answers 503 BROKER_UNAVAILABLE: the order reached no venue and is not final.
      await("a placement trading-api could not send")
          .atMost(SIGNAL_WAIT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> since(stack, before).stream().anyMatch(p -> p.status() == 503));
      String id =
          since(stack, before).stream()
              .filter(p -> p.status() == 503)
              .findFirst()
              .orElseThrow()
              .clientOrderId();
      assertThat(
              stack
                  .adminGet("/api/v1/accounts/acc-live-outage/orders/" + id)
                  .path("status")
                  .asString())
          .isEqualTo("NOT_SENT");

      stack.connectorReachable(true);
      await("the engine's retry placed it")
          .atMost(Duration.ofSeconds(30))
          .until(() -> since(stack, before).contains(new FaultProxy.Placement(id, 201)));
      List<Integer> answers =
          since(stack, before).stream()
              .filter(p -> p.clientOrderId().equals(id))
              .map(FaultProxy.Placement::status)
              .toList();
      assertThat(answers.getLast()).isEqualTo(201);
      assertThat(answers.subList(0, answers.size() - 1)).isNotEmpty().containsOnly(503);
      await("the order filled")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stack
                      .adminGet("/api/v1/accounts/acc-live-outage/orders/" + id)
                      .path("status")
                      .asString()
                      .equals("FILLED"));
      List<String> onAccount = new ArrayList<>();
      stack
          .adminGet("/api/v1/accounts/acc-live-outage/orders?size=500")
          .forEach(order -> onAccount.add(order.path("clientOrderId").asString()));
      assertThat(onAccount).containsOnlyOnce(id);
      engine.control("drain");
      await("DRAINED").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("DRAINED"));
    } finally {
      stack.connectorReachable(true);
    }
  }

  private static List<FaultProxy.Placement> since(LiveStack stack, int index) {
    List<FaultProxy.Placement> all = stack.proxy().placements();
    return all.subList(index, all.size());
  }

  @Test
  void ordersGoToTheStrategysAccountRetriesKeepTheClientOrderIdAndARestartRebuildsPositions() {
    LiveStack stack = LiveStack.shared();
    stack.createStrategyAccount("acc-live-sma", "live-sma");
    stack.auth().knowServiceAccount("sa-token-live-sma", "live-sma");
    String strategy = RunningEngine.smaCrossover("live-sma", "Live", RISK);
    int before = stack.proxy().placements().size();
    stack.proxy().failNextPlacements(1);

    try (RunningEngine engine =
        RunningEngine.start(
            strategy,
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-live-sma"))) {
      await("RUNNING").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("RUNNING"));
      assertThat(stack.auth().exchanged()).contains("sa-token-live-sma");

      await("a live fill in the engine's position")
          .atMost(SIGNAL_WAIT)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> quantity(engine.status()).signum() != 0);

      // The first placement was answered 503 by the proxy; the engine retried the same id.
      List<FaultProxy.Placement> placements = since(stack, before);
      String first = placements.getFirst().clientOrderId();
      assertThat(placements.getFirst().status()).isEqualTo(503);
      assertThat(placements.get(1)).isEqualTo(new FaultProxy.Placement(first, 201));
      List<String> onAccount = new ArrayList<>();
      stack
          .adminGet("/api/v1/accounts/acc-live-sma/orders?size=500")
          .forEach(order -> onAccount.add(order.path("clientOrderId").asString()));
      assertThat(onAccount).containsOnlyOnce(first);
      JsonNode order = stack.adminGet("/api/v1/accounts/acc-live-sma/orders/" + first);
      assertThat(order.path("type").asString()).isEqualTo("MARKET");
      assertThat(order.path("status").asString()).isEqualTo("FILLED");

      await("engine and trading-api agree on the position")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> quantity(engine.status()).compareTo(tradingApiQuantity(stack)) == 0);
      engine.control("drain");
      await("DRAINED").atMost(Duration.ofSeconds(30)).until(() -> engine.phase().equals("DRAINED"));
    }

    JsonNode held = stack.adminGet("/api/v1/accounts/acc-live-sma/positions").get(0);
    try (RunningEngine restarted =
        RunningEngine.start(
            strategy,
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-live-sma"))) {
      await("RUNNING after restart")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> restarted.phase().equals("RUNNING"));

      // Rebuilt from trading-api's fills before its first candle could even close a crossover.
      JsonNode status = restarted.status();
      JsonNode position = status.path("positions").get(0);
      // Something to rebuild: a position, or (a crossover sold it again) what the round trip made.
      assertThat(
              new BigDecimal(held.path("quantity").asString()).signum() != 0
                  || new BigDecimal(held.path("realizedPnl").asString()).signum() != 0)
          .isTrue();
      assertThat(new BigDecimal(position.path("quantity").asString()))
          .isEqualByComparingTo(held.path("quantity").asString());
      // trading-api shows average prices at the symbol's price scale (2 for BTCUSDT).
      assertThat(
              new BigDecimal(position.path("averagePrice").asString())
                  .setScale(2, RoundingMode.HALF_EVEN))
          .isEqualByComparingTo(held.path("averagePrice").asString());
      assertThat(new BigDecimal(status.path("realizedPnl").asString()))
          .isEqualByComparingTo(held.path("realizedPnl").asString());
      assertThat(status.path("ordersToday").asLong()).isZero();
    }
  }

  @Test
  void aRestartedEngineTakesOverItsOpenOrdersAndDrainRetriesItsCancelUntilItIsDrained() {
    LiveStack stack = LiveStack.shared();
    stack.createStrategyAccount("acc-live-rest", "live-rest");
    stack.auth().knowServiceAccount("sa-token-live-rest", "live-rest");
    // What a predecessor left behind: a buy resting far below the market (about 60000).
    stack.postAsStrategy(
        "live-rest",
        "/api/v1/accounts/acc-live-rest/orders",
        """
        {"clientOrderId":"predecessor-1","symbol":"BTCUSDT","side":"BUY","type":"LIMIT",
         "timeInForce":"GTC","quantity":"0.01","price":"40000.00"}
        """);
    await("resting on the venue")
        .atMost(Duration.ofSeconds(30))
        .until(() -> orderStatus(stack, "predecessor-1").equals("NEW"));

    try (RunningEngine engine =
        RunningEngine.start(
            RunningEngine.smaCrossover("live-rest", "Live", RISK),
            MarketStack.shared().connectorUrl(),
            stack.engineProperties("sa-token-live-rest"))) {
      await("RUNNING")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> engine.phase().equals("RUNNING"));
      assertThat(engine.status().path("openOrders").asInt()).isEqualTo(1);

      stack.proxy().failNextCancels(1);

      RunningEngine.Reply drain = engine.control("drain");

      assertThat(drain.status()).isEqualTo(202);
      // The first cancel was answered 503: the order is still open, so the engine is DRAINING.
      assertThat(drain.body().path("phase").asString()).isEqualTo("DRAINING");
      assertThat(drain.body().path("openOrders").asInt()).isEqualTo(1);
      assertThat(stack.proxy().failedCancels()).isEqualTo(1);
      await("DRAINED after the cancel is retried")
          .atMost(Duration.ofSeconds(30))
          .until(() -> engine.phase().equals("DRAINED"));
      assertThat(orderStatus(stack, "predecessor-1")).isEqualTo("CANCELED");
      assertThat(engine.status().path("openOrders").asInt()).isZero();
      assertThat(engine.status().path("ordersToday").asLong()).isZero();
    }
  }

  private static String orderStatus(LiveStack stack, String clientOrderId) {
    return stack
        .adminGet("/api/v1/accounts/acc-live-rest/orders/" + clientOrderId)
        .path("status")
        .asString();
  }

  private static BigDecimal quantity(JsonNode status) {
    JsonNode positions = status.path("positions");
    return positions.isEmpty()
        ? BigDecimal.ZERO
        : new BigDecimal(positions.get(0).path("quantity").asString());
  }

  private static BigDecimal tradingApiQuantity(LiveStack stack) {
    JsonNode positions = stack.adminGet("/api/v1/accounts/acc-live-sma/positions");
    return positions.isEmpty()
        ? BigDecimal.ZERO
        : new BigDecimal(positions.get(0).path("quantity").asString());
  }
}
