package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import io.alphintra.brokerconnector.it.VenueTrader.Answer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connector restart (a new application context, nothing kept in memory) loses no open order and
 * places no closed order a second time.
 */
class RestartRecoveryIT {

  private static final String SYMBOL = "SIMUSDT";

  private static SimulatedVenue venue;

  @BeforeAll
  static void start() {
    venue = SimulatedVenue.start();
  }

  @AfterAll
  static void stop() {
    venue.close();
  }

  @Test
  void aRestartedConnectorRediscoversOpenOrdersAndStillTreatsTheirIdsAsPlaced() {
    List<String> resting = List.of("rr-1", "rr-2", "rr-3");
    try (RunningConnector before = RunningConnector.start(venue, SYMBOL)) {
      for (int i = 0; i < resting.size(); i++) {
        Reply placed =
            before.post(
                "/api/v1/orders",
                order(resting.get(i), SYMBOL, "BUY", "LIMIT", "GTC", "1", "5" + i + ".00"));
        assertThat(placed.status()).isEqualTo(201);
      }
      assertThat(
              before
                  .post(
                      "/api/v1/orders",
                      order("rr-ioc", SYMBOL, "BUY", "LIMIT", "IOC", "1", "50.00"))
                  .body()
                  .path("status")
                  .asString())
          .isEqualTo("EXPIRED");
    }
    long acceptedBeforeRestart = venue.acceptedOrders(SYMBOL);

    try (RunningConnector after = RunningConnector.start(venue, SYMBOL)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> after.get("/api/v1/health/broker").body().path("sessionReady").asBoolean());

      assertThat(after.metric("broker_orders_recovered_total", "source=\"startup\""))
          .isEqualTo(3.0);
      assertThat(after.get("/api/v1/orders/open").body().findValuesAsString("clientOrderId"))
          .containsExactlyInAnyOrderElementsOf(resting);
      Reply repeated =
          after.post("/api/v1/orders", order("rr-2", SYMBOL, "BUY", "LIMIT", "GTC", "1", "51.00"));
      assertThat(repeated.status()).isEqualTo(200);
      assertThat(repeated.body().path("status").asString()).isEqualTo("NEW");
      assertThat(venue.acceptedOrders(SYMBOL)).isEqualTo(acceptedBeforeRestart);
      // Known from the startup scan, so no ?symbol= is needed to cancel it.
      assertThat(after.delete("/api/v1/orders/rr-3").body().path("status").asString())
          .isEqualTo("CANCELED");
      assertThat(after.get("/api/v1/orders/rr-ioc").body().path("status").asString())
          .isEqualTo("EXPIRED");
    }
  }

  @Test
  void aFilledOrderPostedAgainAfterARestartIsFoundOnTheVenueNotPlacedAgain() {
    VenueTrader maker = venue.maker();
    assertThat(maker.limit(SYMBOL, "SELL", "GTC", "200.00", "10").status()).isEqualTo(200);
    String filled = order("rr-filled", SYMBOL, "BUY", "LIMIT", "GTC", "2", "200.00");
    long venueOrderId;
    try (RunningConnector before = RunningConnector.start(venue, SYMBOL)) {
      Reply placed = before.post("/api/v1/orders", filled);
      assertThat(placed.status()).isEqualTo(201);
      assertThat(placed.body().path("status").asString()).isEqualTo("FILLED");
      venueOrderId = placed.body().path("venueOrderId").asLong();
      assertThat(
              before
                  .post(
                      "/api/v1/orders",
                      order("rr-filled-2", SYMBOL, "BUY", "LIMIT", "GTC", "1", "200.00"))
                  .body()
                  .path("status")
                  .asString())
          .isEqualTo("FILLED");
    }
    long acceptedBeforeRestart = venue.acceptedOrders(SYMBOL);

    try (RunningConnector after = RunningConnector.start(venue, SYMBOL)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> after.get("/api/v1/health/broker").body().path("sessionReady").asBoolean());
      Reply repeated = after.post("/api/v1/orders", filled);
      Reply different =
          after.post(
              "/api/v1/orders", order("rr-filled-2", SYMBOL, "BUY", "LIMIT", "GTC", "3", "200.00"));

      assertThat(repeated.status()).as(repeated.raw()).isEqualTo(200);
      assertThat(repeated.body().path("status").asString()).isEqualTo("FILLED");
      assertThat(repeated.body().path("venueOrderId").asLong()).isEqualTo(venueOrderId);
      assertThat(different.status()).as(different.raw()).isEqualTo(409);
      assertThat(different.body().path("reason").asString()).isEqualTo("CLIENT_ORDER_ID_CONFLICT");
    }
    // The venue's view: no order was added, and the maker's offer was hit for 2 + 1 only.
    assertThat(venue.acceptedOrders(SYMBOL)).isEqualTo(acceptedBeforeRestart);
    Answer makerOffers = maker.signed("GET", "/api/v3/openOrders", Map.of("symbol", SYMBOL));
    assertThat(makerOffers.body().findValuesAsString("executedQty"))
        .singleElement()
        .satisfies(executed -> assertThat(new BigDecimal(executed)).isEqualByComparingTo("3"));
    maker.cancelAll(SYMBOL);
  }
}
