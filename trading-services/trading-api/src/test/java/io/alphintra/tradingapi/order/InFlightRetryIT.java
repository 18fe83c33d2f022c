package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Client retries of a placement still in flight (the simulator answers late) take no slot of the
 * admission gate: more of them than the gate has slots wait for the placement's outcome and answer
 * it, and a new order still gets a slot meanwhile.
 */
class InFlightRetryIT extends RunningTradingApi {

  private static final String SYMBOL = "IDMUSDT";
  private static final int RETRIES = 20; // more than the gate's 16 slots

  @Autowired private MeterRegistry meters;

  private ApiClient trader;
  private String account;

  @BeforeEach
  void account() {
    String subject = "retry-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = userAccount(subject, null);
  }

  @AfterEach
  void clear() {
    stack().faults("{}");
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void retriesOfAPlacementInFlightWaitForItsOutcomeWithoutTakingAGateSlot() throws Exception {
    long acceptedBefore = stack().acceptedOrders(SYMBOL);
    // Below the connector's 5 s venue timeout: the placement is held, not made unknown.
    stack().faults("{\"latencyMillis\":4000}");
    String id = newId();
    String body = order(id, SYMBOL, "BUY", "LIMIT", "1.000", "90.00");
    ExecutorService clients = Executors.newFixedThreadPool(RETRIES + 2);
    try {
      Future<Reply> first = clients.submit(() -> trader.post(orders(), body));
      await("the placement in flight")
          .atMost(Duration.ofSeconds(10))
          .until(() -> "PENDING_NEW".equals(trader.get(orders() + "/" + id).text("status")));

      List<Future<Reply>> retries = new ArrayList<>();
      for (int i = 0; i < RETRIES; i++) {
        retries.add(clients.submit(() -> trader.post(orders(), body)));
      }
      await("every retry waiting for the placement in flight")
          .atMost(Duration.ofSeconds(10))
          .until(() -> gauge("trading.placement.retries.waiting") == RETRIES);
      assertThat(gauge("trading.placement.in.flight")).isEqualTo(1);
      // The gate still has room for a new order.
      Reply other = trader.post(orders(), order(newId(), SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));
      assertThat(other.status()).as(other.raw()).isEqualTo(201);

      Reply placed = first.get();
      assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
      assertThat(placed.text("status")).isEqualTo("NEW");
      for (Future<Reply> retry : retries) {
        Reply answer = retry.get();
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.text("orderId")).isEqualTo(placed.text("orderId"));
        assertThat(answer.text("status")).isEqualTo("NEW");
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(stack().acceptedOrders(SYMBOL) - acceptedBefore).isEqualTo(2);
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private String orders() {
    return "/api/v1/accounts/" + account + "/orders";
  }
}
