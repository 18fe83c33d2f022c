package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.OwnVenue;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Client retries of a placement still in flight take no slot of the admission gate: more of them
 * than the gate has slots wait for the placement's outcome and answer it, and a new order still
 * gets a slot meanwhile. The placement is held in flight by a proxy in front of a connector of the
 * test's own, which lets it through only once every retry is seen waiting: no timing involved, only
 * trading-api's request timeout (10 s in the ITs) as the bound on the whole exchange.
 */
class InFlightRetryIT extends RunningTradingApi {

  private static final String SYMBOL = "IDMUSDT";
  private static final int RETRIES = 20; // more than the gate's 16 slots

  private static OwnVenue venue;
  private static TcpProxy proxy;

  @Autowired private MeterRegistry meters;

  private ApiClient trader;
  private String account;

  @BeforeAll
  static void heldVenue() throws Exception {
    venue = OwnVenue.start("held-venue");
    proxy = new TcpProxy("127.0.0.1", venue.connectorPort());
    venue.route("http://127.0.0.1:" + proxy.port());
  }

  @AfterAll
  static void closeVenue() throws Exception {
    proxy.close();
    venue.close();
  }

  @BeforeEach
  void account() {
    String subject = "retry-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = account("USER", subject, null, venue.connection());
    await("the account routable")
        .atMost(Duration.ofSeconds(30))
        .until(() -> trader.get("/api/v1/accounts/" + account).body().path("routable").asBoolean());
  }

  @Test
  void retriesOfAPlacementInFlightWaitForItsOutcomeWithoutTakingAGateSlot() throws Exception {
    long acceptedBefore = venue.acceptedOrders(SYMBOL);
    String id = newId();
    String body = order(id, SYMBOL, "BUY", "LIMIT", "1.000", "90.00");
    ExecutorService clients = Executors.newFixedThreadPool(RETRIES + 2);
    proxy.hold();
    try {
      Future<Reply> first = clients.submit(() -> trader.post(orders(), body));
      await("the placement in flight")
          .atMost(Duration.ofSeconds(5))
          .until(() -> "PENDING_NEW".equals(trader.get(orders() + "/" + id).text("status")));

      List<Future<Reply>> retries = new ArrayList<>();
      for (int i = 0; i < RETRIES; i++) {
        retries.add(clients.submit(() -> trader.post(orders(), body)));
      }
      await("every retry waiting for the placement in flight")
          .atMost(Duration.ofSeconds(5))
          .until(() -> gauge("trading.placement.retries.waiting") == RETRIES);
      assertThat(gauge("trading.placement.in.flight")).isEqualTo(1);
      // The gate still has room for a new order: it goes in flight beside the first.
      Future<Reply> other =
          clients.submit(
              () ->
                  trader.post(orders(), order(newId(), SYMBOL, "BUY", "LIMIT", "1.000", "90.00")));
      await("a new order in flight beside the held one")
          .atMost(Duration.ofSeconds(5))
          .until(() -> gauge("trading.placement.in.flight") == 2);
      proxy.release();

      Reply placed = first.get();
      assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
      assertThat(placed.text("status")).isEqualTo("NEW");
      for (Future<Reply> retry : retries) {
        Reply answer = retry.get();
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.text("orderId")).isEqualTo(placed.text("orderId"));
        assertThat(answer.text("status")).isEqualTo("NEW");
      }
      assertThat(other.get().status()).as(other.get().raw()).isEqualTo(201);
    } finally {
      proxy.release();
      clients.shutdownNow();
    }
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore).isEqualTo(2);
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private String orders() {
    return "/api/v1/accounts/" + account + "/orders";
  }
}
