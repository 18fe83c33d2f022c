package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A venue outage (every connection cut, new ones refused) does not take the connector out of its
 * Service: it stays ready, refuses orders with 503 NOT_CONNECTED without sending anything, and its
 * health endpoint says why, for the operator to copy into the BrokerConnection status.
 */
class VenueOutageIT {

  private static final String SYMBOL = "SIMUSDT";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static SimulatedVenue venue;
  private static TcpProxy network;
  private static RunningConnector connector;

  @BeforeAll
  static void start() throws IOException {
    venue = SimulatedVenue.start();
    network = new TcpProxy(venue.port());
    connector =
        RunningConnector.start(
            "http://127.0.0.1:" + network.port(), SYMBOL, "alphintra.broker.probe-interval=250ms");
    await().atMost(TIMEOUT).until(() -> connector.get("/api/v1/health/broker").status() == 200);
  }

  @AfterAll
  static void stop() throws IOException {
    connector.close();
    network.close();
    venue.close();
  }

  @Test
  void duringAnOutageTheConnectorStaysReadyRefusesOrdersWith503AndReportsWhy() throws IOException {
    network.refuseConnections();
    try {
      Reply refused =
          connector.post(
              "/api/v1/orders", order("vo-1", SYMBOL, "BUY", "LIMIT", "GTC", "1", "90.00"));

      assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
      assertThat(refused.body().path("reason").asString()).isEqualTo("NOT_CONNECTED");
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      Reply readiness = connector.get("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(200);
      assertThat(readiness.body().path("status").asString()).isEqualTo("UP");
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                Reply health = connector.get("/api/v1/health/broker");
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.body().path("status").asString()).isEqualTo("DOWN");
                assertThat(health.body().path("reason").asString()).isEqualTo("NOT_CONNECTED");
                assertThat(health.body().path("connected").asBoolean()).isFalse();
                assertThat(health.body().path("message").asString())
                    .contains("does not answer")
                    .contains(String.valueOf(network.port()));
              });
    } finally {
      network.acceptConnections();
    }

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(connector.get("/api/v1/health/broker").body().path("reason").asString())
                    .isEqualTo("CONNECTED"));
    assertThat(
            venue
                .connectorAccount()
                .signed(
                    "GET", "/api/v3/order", Map.of("symbol", SYMBOL, "origClientOrderId", "vo-1"))
                .body()
                .path("code")
                .asInt())
        .as("nothing was sent during the outage")
        .isEqualTo(-2013);
    Reply placed =
        connector.post(
            "/api/v1/orders", order("vo-1", SYMBOL, "BUY", "LIMIT", "GTC", "1", "90.00"));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.body().path("status").asString()).isEqualTo("NEW");
    venue.connectorAccount().cancelAll(SYMBOL);
  }
}
