package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.OwnVenue;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new order goes to the venue without the connector's lookup for an earlier placement of its id
 * (trading-api created the id for this request, so nothing was ever sent with it: the lookup would
 * cost a venue round trip per order); an order placed again after an attempt that reached no
 * connector is looked up first, as any id the connector cannot vouch for. Counted on a venue of the
 * test's own, which nothing else uses.
 */
class VenueLookupIT extends RunningTradingApi {

  private static final String SYMBOL = "IDMUSDT";

  private static OwnVenue venue;

  private ApiClient trader;
  private String account;

  @BeforeAll
  static void ownVenue() {
    venue = OwnVenue.start("lookup-venue");
  }

  @AfterAll
  static void closeVenue() {
    venue.close();
  }

  @BeforeEach
  void account() {
    venue.routeToConnector();
    String subject = "lookup-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = account("USER", subject, null, venue.connection());
    await("the account routable")
        .atMost(Duration.ofSeconds(30))
        .until(() -> trader.get("/api/v1/accounts/" + account).body().path("routable").asBoolean());
  }

  @Test
  void aNewOrderIsSentWithoutALookupForAnEarlierPlacement() {
    long lookupsBefore = venue.orderLookups();
    long acceptedBefore = venue.acceptedOrders(SYMBOL);

    Reply placed = trader.post(orders(), ioc(newId()));

    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore).isEqualTo(1);
    assertThat(venue.orderLookups() - lookupsBefore).isZero();
  }

  @Test
  void anOrderPlacedAgainAfterAnUnsentAttemptIsLookedUpBeforeItIsSent() throws IOException {
    String id = newId();
    String body = ioc(id);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    venue.route("http://127.0.0.1:" + closedPort);
    Reply refused = trader.post(orders(), body);
    assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
    assertThat(trader.get(orders() + "/" + id).text("status")).isEqualTo("NOT_SENT");
    venue.routeToConnector();
    long lookupsBefore = venue.orderLookups();
    long acceptedBefore = venue.acceptedOrders(SYMBOL);

    Reply placed = trader.post(orders(), body);

    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore).isEqualTo(1);
    // At least one: a lookup in the connector's first seconds proves nothing, and is repeated.
    assertThat(venue.orderLookups() - lookupsBefore).isPositive();
  }

  /** An IOC buy: it closes at once (nothing to sell here), so nothing polls it afterwards. */
  private static String ioc(String clientOrderId) {
    return order(clientOrderId, SYMBOL, "BUY", "LIMIT", "1.000", "90.00")
        .replaceFirst("}$", ",\"timeInForce\":\"IOC\"}");
  }

  private String orders() {
    return "/api/v1/accounts/" + account + "/orders";
  }
}
