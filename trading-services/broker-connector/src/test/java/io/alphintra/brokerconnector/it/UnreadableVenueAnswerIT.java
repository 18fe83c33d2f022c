package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import io.alphintra.brokerconnector.it.VenueTrader.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The venue accepts an order but answers with an order type the connector does not know (as when a
 * venue adds an enum value): the clientOrderId stays claimed, so the order can never be placed
 * twice. The orders are IOC orders that expire at once, so a second send would create a second
 * order on the venue instead of drawing a duplicate-id refusal.
 */
class UnreadableVenueAnswerIT {

  private static final String SYMBOL = "SIMUSDT";

  private static SimulatedVenue venue;
  private static RewritingVenueProxy proxy;
  private static RunningConnector connector;

  @BeforeAll
  static void start() throws IOException {
    venue = SimulatedVenue.start();
    proxy = new RewritingVenueProxy(venue.baseUrl());
    connector =
        RunningConnector.start(
            proxy.baseUrl(),
            SYMBOL,
            "alphintra.broker.placement-deadline=3s",
            "alphintra.broker.recv-window=1s",
            "alphintra.broker.resend-settle-margin=500ms");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> connector.get("/api/v1/health/broker").status() == 200);
  }

  @AfterAll
  static void stop() {
    connector.close();
    proxy.close();
    venue.close();
  }

  @Test
  void anUnreadableAnswerToAnAcceptedOrderIsResolvedByLookupAndTheIdStaysTaken() {
    String id = "ua-readable-lookup";
    proxy.rewrite(
        (method, path, status, body) ->
            "POST".equals(method) && status == 200 && body.contains(id)
                ? unknownOrderType(body)
                : body);
    long acceptedBefore = venue.acceptedOrders(SYMBOL);

    Reply placed =
        connector.post("/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "IOC", "1", "50.00"));
    Reply repeated =
        connector.post("/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "IOC", "1", "50.00"));

    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.body().path("status").asString()).isEqualTo("EXPIRED");
    assertThat(repeated.status()).as(repeated.raw()).isEqualTo(200);
    assertThat(repeated.body().path("venueOrderId").asLong())
        .isEqualTo(placed.body().path("venueOrderId").asLong());
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore)
        .as("orders the venue accepted")
        .isEqualTo(1);
  }

  @Test
  void anOrderWhoseAnswersStayUnreadableIsReportedUnknownAndNeverPlacedAgain() {
    String id = "ua-never-readable";
    proxy.rewrite(
        (method, path, status, body) ->
            status == 200 && body.contains(id) ? unknownOrderType(body) : body);
    long acceptedBefore = venue.acceptedOrders(SYMBOL);

    Reply placed =
        connector.post("/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "IOC", "1", "50.00"));
    Reply repeated =
        connector.post("/api/v1/orders", order(id, SYMBOL, "BUY", "LIMIT", "IOC", "1", "50.00"));

    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.body().path("status").asString()).isEqualTo("UNKNOWN");
    assertThat(repeated.status()).as("the id stays claimed: " + repeated.raw()).isEqualTo(200);
    assertThat(repeated.body().path("status").asString()).isEqualTo("UNKNOWN");
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore)
        .as("orders the venue accepted")
        .isEqualTo(1);
    Answer onVenue =
        venue
            .connectorAccount()
            .signed("GET", "/api/v3/order", Map.of("symbol", SYMBOL, "origClientOrderId", id));
    assertThat(onVenue.body().path("status").asString()).isEqualTo("EXPIRED");
  }

  /** The venue's answer with an order type this connector has never heard of. */
  private static String unknownOrderType(String body) {
    return body.replace("\"type\":\"LIMIT\"", "\"type\":\"LIMIT_PEGGED\"");
  }
}
