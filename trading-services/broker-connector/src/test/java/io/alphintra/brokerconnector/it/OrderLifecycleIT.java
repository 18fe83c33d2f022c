package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every order type, filters, idempotency, book/price and health, through the connector against the
 * real simulator.
 */
class OrderLifecycleIT {

  private static final String SYMBOL = "SIMUSDT";

  private static SimulatedVenue venue;
  private static RunningConnector connector;
  private static VenueTrader maker;

  @BeforeAll
  static void start() {
    venue = SimulatedVenue.start();
    connector = RunningConnector.start(venue, "BTCUSDT,SIMUSDT");
    maker = venue.maker();
  }

  @AfterAll
  static void stop() {
    connector.close();
    venue.close();
  }

  @AfterEach
  void clearBook() {
    maker.cancelAll(SYMBOL);
    venue.connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void placesAGoodTillCanceledLimitOrderThatRestsThenCancelsItByClientOrderId() {
    String id = id();
    Reply placed =
        connector.post(
            "/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "GTC", "1.000", "90.00"));

    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.body().path("status").asString()).isEqualTo("NEW");
    assertThat(placed.body().path("venueOrderId").asLong()).isPositive();
    assertThat(placed.body().path("price").asString()).isEqualTo("90.00");
    assertThat(placed.body().path("quantity").asString()).isEqualTo("1.000");
    assertThat(connector.get("/api/v1/orders/" + id).body().path("status").asString())
        .isEqualTo("NEW");
    assertThat(
            connector
                .get("/api/v1/orders/open?symbol=" + SYMBOL)
                .body()
                .findValuesAsString("clientOrderId"))
        .contains(id);

    Reply canceled = connector.delete("/api/v1/orders/" + id);
    assertThat(canceled.status()).isEqualTo(200);
    assertThat(canceled.body().path("status").asString()).isEqualTo("CANCELED");
    Reply again = connector.delete("/api/v1/orders/" + id);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("reason").asString()).isEqualTo("ORDER_CLOSED");
  }

  @Test
  void immediateOrCancelFillsWhatRestsAndExpiresTheRemainder() {
    maker.limit(SYMBOL, "SELL", "GTC", "101.00", "2");

    Reply ioc =
        connector.post("/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "IOC", "3", "101.00"));

    assertThat(ioc.status()).isEqualTo(201);
    assertThat(ioc.body().path("status").asString()).isEqualTo("EXPIRED");
    assertThat(ioc.body().path("executedQuantity").asString()).isEqualTo("2.000");
  }

  @Test
  void fillOrKillExpiresUntouchedUnlessTheWholeQuantityCanFill() {
    maker.limit(SYMBOL, "SELL", "GTC", "102.00", "1");

    Reply tooBig =
        connector.post("/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "FOK", "5", "102.00"));
    Reply fits =
        connector.post("/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "FOK", "1", "102.00"));

    assertThat(tooBig.body().path("status").asString()).isEqualTo("EXPIRED");
    assertThat(tooBig.body().path("executedQuantity").asString()).isEqualTo("0.000");
    assertThat(fits.body().path("status").asString()).isEqualTo("FILLED");
  }

  @Test
  void marketOrderFillsAgainstTheBook() {
    maker.limit(SYMBOL, "SELL", "GTC", "103.00", "1");

    Reply market =
        connector.post("/api/v1/orders", order(id(), SYMBOL, "BUY", "MARKET", null, "0.5", null));

    assertThat(market.status()).isEqualTo(201);
    assertThat(market.body().path("status").asString()).isEqualTo("FILLED");
    assertThat(market.body().path("executedQuantity").asString()).isEqualTo("0.500");
    assertThat(market.body().path("cumulativeQuoteQuantity").asString()).isEqualTo("51.5");
    assertThat(market.body().path("price").isNull()).isTrue();
  }

  @Test
  void limitMakerRestsButTheVenuesRefusalIsPassedOnWhenItWouldTake() {
    maker.limit(SYMBOL, "SELL", "GTC", "104.00", "1");

    Reply resting =
        connector.post(
            "/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT_MAKER", null, "1", "95.00"));
    Reply taking =
        connector.post(
            "/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT_MAKER", null, "1", "104.00"));

    assertThat(resting.status()).isEqualTo(201);
    assertThat(resting.body().path("status").asString()).isEqualTo("NEW");
    assertThat(taking.status()).isEqualTo(422);
    assertThat(taking.body().path("reason").asString()).isEqualTo("VENUE_-2010");
    assertThat(taking.body().path("detail").asString()).contains("would immediately match");
  }

  @Test
  void filterRejectionsNameTheFilterAndNeverReachTheVenue() {
    double sentBefore =
        connector.metric(
            "broker_venue_latency_seconds_count", "endpoint=\"/api/v3/order\"", "method=\"POST\"");

    Reply price =
        connector.post("/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "GTC", "1", "90.005"));
    Reply lot =
        connector.post(
            "/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "GTC", "1.0005", "90.00"));
    Reply notional =
        connector.post(
            "/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "GTC", "0.01", "90.00"));

    assertThat(price.status()).isEqualTo(422);
    assertThat(price.body().path("reason").asString()).isEqualTo("PRICE_FILTER");
    assertThat(price.body().path("detail").asString())
        .contains("tickSize 0.01", "90 is the conservative choice for a BUY");
    assertThat(lot.body().path("reason").asString()).isEqualTo("LOT_SIZE");
    assertThat(lot.body().path("detail").asString()).contains("stepSize 0.001", "1");
    assertThat(notional.body().path("reason").asString()).isEqualTo("NOTIONAL");
    assertThat(notional.body().path("detail").asString()).contains("below minNotional 5");
    assertThat(
            connector.metric(
                "broker_venue_latency_seconds_count",
                "endpoint=\"/api/v3/order\"",
                "method=\"POST\""))
        .isEqualTo(sentBefore);
    assertThat(connector.metric("broker_orders_rejected_total", "reason=\"PRICE_FILTER\""))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void placingTheSameClientOrderIdAgainReturnsTheExistingOrderAndSendsItOnce() throws Exception {
    String id = id();
    long acceptedBefore = venue.acceptedOrders(SYMBOL);
    String body = order(id, SYMBOL, "BUY", "LIMIT", "GTC", "1", "91.00");

    List<Reply> replies = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(callers.submit(() -> connector.post("/api/v1/orders", body)));
      }
      for (Future<Reply> future : futures) {
        replies.add(future.get());
      }
    }
    Reply later = connector.post("/api/v1/orders", body);

    assertThat(replies)
        .extracting(Reply::status)
        .containsOnly(200, 201)
        .filteredOn(s -> s == 201)
        .hasSize(1);
    assertThat(replies)
        .extracting(r -> r.body().path("venueOrderId").asLong())
        .containsOnly(later.body().path("venueOrderId").asLong());
    assertThat(later.status()).isEqualTo(200);
    assertThat(venue.acceptedOrders(SYMBOL)).isEqualTo(acceptedBefore + 1);
  }

  @Test
  void reusingAClientOrderIdForADifferentOrderIsAConflictThatNamesTheFix() {
    String id = id();
    connector.post("/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "GTC", "1", "92.00"));

    Reply conflict =
        connector.post("/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "GTC", "2", "92.00"));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body().path("reason").asString()).isEqualTo("CLIENT_ORDER_ID_CONFLICT");
    assertThat(conflict.body().path("detail").asString()).contains("use a new clientOrderId");
  }

  @Test
  void invalidOrdersAreRefusedWithTheFieldToFix() {
    Reply missingPrice =
        connector.post("/api/v1/orders", order(id(), SYMBOL, "BUY", "LIMIT", "GTC", "1", null));
    Reply badSide =
        connector.post(
            "/api/v1/orders", "{\"clientOrderId\":\"x\",\"symbol\":\"SIMUSDT\",\"side\":\"HOLD\"}");
    Reply unknownSymbol =
        connector.post("/api/v1/orders", order(id(), "DOGEUSDT", "BUY", "LIMIT", "GTC", "1", "1"));

    assertThat(missingPrice.status()).isEqualTo(400);
    assertThat(missingPrice.body().path("detail").asString())
        .contains("price must be a positive decimal");
    assertThat(badSide.status()).isEqualTo(400);
    assertThat(unknownSymbol.status()).isEqualTo(422);
    assertThat(unknownSymbol.body().path("detail").asString()).contains("configured symbols");
    assertThat(connector.get("/api/v1/orders/never-placed").status()).isEqualTo(404);
  }

  @Test
  void servesTheOrderBookSnapshotAndTheLastPrice() {
    maker.limit(SYMBOL, "BUY", "GTC", "80.00", "3");
    maker.limit(SYMBOL, "SELL", "GTC", "120.00", "4");

    JsonNode book = connector.get("/api/v1/market-data/" + SYMBOL + "/book?limit=5").body();
    Reply price = connector.get("/api/v1/market-data/BTCUSDT/last-price");

    assertThat(book.path("bids").get(0).path("price").asString()).isEqualTo("80.00");
    assertThat(book.path("bids").get(0).path("quantity").asString()).isEqualTo("3.000");
    assertThat(book.path("asks").get(0).path("price").asString()).isEqualTo("120.00");
    assertThat(book.path("lastUpdateId").asLong()).isPositive();
    assertThat(price.status()).isEqualTo(200);
    assertThat(new java.math.BigDecimal(price.body().path("price").asString())).isPositive();
  }

  @Test
  void reportsBrokerHealthForTheOperatorAndActuator() {
    Reply health = connector.get("/api/v1/health/broker");

    assertThat(health.status()).isEqualTo(200);
    JsonNode body = health.body();
    assertThat(body.path("status").asString()).isEqualTo("UP");
    assertThat(body.path("reason").asString()).isEqualTo("CONNECTED");
    assertThat(body.path("sessionReady").asBoolean()).isTrue();
    assertThat(body.path("connected").asBoolean()).isTrue();
    assertThat(body.path("authenticated").asBoolean()).isTrue();
    assertThat(body.path("roundTripLatencyMillis").asLong()).isNotNegative();
    assertThat(body.path("usedWeight").asInt()).isPositive();
    assertThat(body.path("weightLimit").asInt()).isEqualTo(6000);
    assertThat(body.path("orderLimit10s").asInt()).isEqualTo(100);
    assertThat(body.path("endpoint").asString()).isEqualTo(venue.baseUrl());
    assertThat(body.path("resolvedAddress").asString()).isNotEmpty();
    assertThat(body.has("lastError")).isTrue();

    JsonNode readiness = connector.get("/actuator/health/readiness").body();
    assertThat(readiness.path("status").asString()).isEqualTo("UP");
    assertThat(
            connector
                .get("/actuator/health")
                .body()
                .path("components")
                .path("broker")
                .path("status")
                .asString())
        .isEqualTo("UP");
    assertThat(connector.get("/actuator/health/liveness").body().path("status").asString())
        .isEqualTo("UP");
    String metrics = connector.get("/actuator/prometheus").raw();
    assertThat(metrics)
        .contains(
            "broker_orders_placed_total",
            "broker_venue_latency_seconds_bucket",
            "broker_ratelimit_used_weight",
            "broker_orders_recovered_total");
  }

  private static String id() {
    return "it-" + UUID.randomUUID().toString().substring(0, 18);
  }
}
