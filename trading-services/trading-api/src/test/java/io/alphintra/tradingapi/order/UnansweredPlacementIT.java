package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.OwnVenue;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A placement that reached the connector (the venue accepted the order) but whose answer never came
 * back within trading-api's request timeout (10 s in the ITs) is UNKNOWN, never NOT_SENT: the
 * request may have reached the venue, so a retry must not send another order. Once answers come
 * back again the order is resolved from the venue (NEW). A proxy in front of a connector of the
 * test's own holds every byte the connector sends, on every connection (placement, reads, the
 * execution stream), until the test releases it.
 */
class UnansweredPlacementIT extends RunningTradingApi {

  private static final String SYMBOL = "EXOUSDT";

  private static OwnVenue venue;
  private static TcpProxy proxy;

  @BeforeAll
  static void unansweredVenue() throws Exception {
    venue = OwnVenue.start("unanswered-venue");
    proxy = new TcpProxy("127.0.0.1", venue.connectorPort());
    venue.route("http://127.0.0.1:" + proxy.port());
  }

  @AfterAll
  static void closeVenue() throws Exception {
    proxy.close();
    venue.close();
  }

  @Test
  void aPlacementSentButNeverAnsweredIsUnknownAndResolvedFromTheVenueLater() {
    String subject = "unanswered-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = account("USER", subject, null, venue.connection());
    await("the account routable")
        .atMost(Duration.ofSeconds(30))
        .until(() -> trader.get("/api/v1/accounts/" + account).body().path("routable").asBoolean());
    String orders = "/api/v1/accounts/" + account + "/orders";
    String id = newId();
    long acceptedBefore = venue.acceptedOrders(SYMBOL);

    proxy.holdAnswers();
    try {
      Reply placed = trader.post(orders, order(id, SYMBOL, "BUY", "LIMIT", "1.00", "9.00"));

      assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
      assertThat(placed.text("status")).isEqualTo("UNKNOWN");
      // It did reach the venue: its matching engine accepted it.
      await("the order accepted by the venue")
          .atMost(Duration.ofSeconds(10))
          .until(() -> venue.acceptedOrders(SYMBOL) - acceptedBefore == 1);
      // A retry answers the same order and sends nothing.
      Reply retry = trader.post(orders, order(id, SYMBOL, "BUY", "LIMIT", "1.00", "9.00"));
      assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
      assertThat(retry.text("orderId")).isEqualTo(placed.text("orderId"));
      assertThat(retry.text("status")).isEqualTo("UNKNOWN");
    } finally {
      proxy.release();
    }

    await("the order resolved from the venue")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "NEW".equals(trader.get(orders + "/" + id).text("status")));
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore).isEqualTo(1);

    List<String> path = new ArrayList<>();
    JsonNode history = trader.get(orders + "/" + id + "/events").body();
    history.forEach(event -> path.add(event.path("to").asString()));
    assertThat(path).containsExactly("PENDING_NEW", "UNKNOWN", "NEW");
    assertThat(history.get(1).path("reason").asString())
        .contains("outcome unknown (CONNECTOR_TIMEOUT)");
  }
}
