package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.order.FeedContinuity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/orders/{id}} answers from what the connector followed on the venue's user-data
 * feed and asks the venue ({@code GET /api/v3/order}, counted by the simulator itself) only when it
 * cannot vouch for the order's latest state: an order it did not place, or any order after the feed
 * reconnected.
 */
class OrderReadSourceIT {

  private static final String SYMBOL = "SIMUSDT";
  private static final String VENUE_LOOKUP = "/api/v3/order";

  private static SimulatedVenue venue;
  private static TcpProxy proxy;
  private static RunningConnector connector;
  private static VenueTrader maker;
  private static VenueTrader own;

  @BeforeAll
  static void start() throws Exception {
    venue = SimulatedVenue.start();
    proxy = new TcpProxy(venue.port());
    connector = RunningConnector.start("http://localhost:" + proxy.port(), SYMBOL);
    maker = venue.maker();
    own = venue.connectorAccount();
  }

  @AfterAll
  static void stop() throws Exception {
    connector.close();
    proxy.close();
    venue.close();
  }

  @AfterEach
  void clearBook() {
    maker.cancelAll(SYMBOL);
    own.cancelAll(SYMBOL);
  }

  @Test
  void anOrderPlacedAndFilledIsAnsweredFromTheFeedUntilTheFeedReconnects() {
    long stretch = connector.liveFeedStretch(FeedContinuity.NONE);
    String clientOrderId = "read-" + System.nanoTime();
    RunningConnector.Reply placed =
        connector.post(
            "/api/v1/orders",
            RunningConnector.order(clientOrderId, SYMBOL, "BUY", "LIMIT", "GTC", "1", "91.00"));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.body().path("status").asString()).isEqualTo("NEW");
    long lookups = settledLookups(placed.body().path("venueOrderId").asLong(), 0);

    assertThat(maker.limit(SYMBOL, "SELL", "IOC", "91.00", "1").body().path("status").asString())
        .isEqualTo("FILLED");
    await("the fill reaches the connector's answer from the user-data feed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> connector.readOrder(clientOrderId, "feed").body().path("status").asString(),
            "FILLED"::equals);
    RunningConnector.Reply filled = connector.readOrder(clientOrderId, "feed");
    assertThat(new BigDecimal(filled.body().path("executedQuantity").asString()))
        .isEqualByComparingTo("1");
    assertThat(new BigDecimal(filled.body().path("cumulativeQuoteQuantity").asString()))
        .isEqualByComparingTo("91.00");
    lookups = settledLookups(placed.body().path("venueOrderId").asLong(), lookups);
    assertThat(connector.bean(FeedContinuity.class).current())
        .as("the feed stayed up, so no read needed the venue")
        .isEqualTo(stretch);

    proxy.dropAll();
    connector.liveFeedStretch(stretch);

    RunningConnector.Reply afterGap = connector.readOrder(clientOrderId, "venue");
    assertThat(afterGap.body().path("status").asString()).isEqualTo("FILLED");
    lookups = settledLookups(placed.body().path("venueOrderId").asLong(), lookups + 1);
    RunningConnector.Reply again = connector.readOrder(clientOrderId, "feed");
    assertThat(again.body().path("status").asString()).isEqualTo("FILLED");
    settledLookups(placed.body().path("venueOrderId").asLong(), lookups);
  }

  @Test
  void anOrderTheConnectorDidNotPlaceIsReadFromTheVenueOnceThenFollowed() {
    connector.liveFeedStretch(FeedContinuity.NONE);
    VenueTrader.Answer elsewhere = own.limit(SYMBOL, "BUY", "GTC", "90.00", "1");
    assertThat(elsewhere.status()).as(elsewhere.body().toString()).isEqualTo(200);
    String clientOrderId = elsewhere.body().path("clientOrderId").asString();
    long orderId = elsewhere.body().path("orderId").asLong();
    long lookups = settledLookups(orderId, 0);

    assertThat(connector.readOrder(clientOrderId, "venue").body().path("status").asString())
        .isEqualTo("NEW");
    lookups = settledLookups(orderId, lookups + 1);

    assertThat(maker.limit(SYMBOL, "SELL", "IOC", "90.00", "0.4").body().path("status").asString())
        .isEqualTo("FILLED");
    await("the partial fill reaches the connector's answer from the user-data feed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> connector.readOrder(clientOrderId, "feed").body().path("status").asString(),
            "PARTIALLY_FILLED"::equals);
    settledLookups(orderId, lookups);
  }

  @Test
  void anOrderNoOneKnowsIsAskedOfTheVenue() {
    connector.liveFeedStretch(FeedContinuity.NONE);
    long before = venue.apiRequests("GET", VENUE_LOOKUP);

    RunningConnector.Reply missing = connector.get("/api/v1/orders/nobody-" + System.nanoTime());

    assertThat(missing.status()).as(missing.raw()).isEqualTo(404);
    assertThat(missing.body().path("reason").asString()).isEqualTo("ORDER_NOT_FOUND");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> venue.apiRequests("GET", VENUE_LOOKUP) > before);
  }

  /**
   * Checks that the venue has answered exactly {@code expected} lookups of orders, after the test's
   * own marker lookup of {@code orderId} (sent now, so the venue's counter has recorded every
   * lookup the connector made before it); returns the count including the marker. {@code expected
   * == 0} takes the current count as the baseline.
   */
  private static long settledLookups(long orderId, long expected) {
    long before = venue.apiRequests("GET", VENUE_LOOKUP);
    long baseline = expected == 0 ? before : expected;
    VenueTrader.Answer marker =
        own.signed(
            "GET", VENUE_LOOKUP, Map.of("symbol", SYMBOL, "orderId", Long.toString(orderId)));
    assertThat(marker.status()).as(marker.body().toString()).isEqualTo(200);
    await("the venue counted the marker lookup")
        .atMost(Duration.ofSeconds(10))
        .until(() -> venue.apiRequests("GET", VENUE_LOOKUP) >= baseline + 1);
    assertThat(venue.apiRequests("GET", VENUE_LOOKUP))
        .as("venue order lookups (the test's marker included)")
        .isEqualTo(baseline + 1);
    return baseline + 1;
  }
}
