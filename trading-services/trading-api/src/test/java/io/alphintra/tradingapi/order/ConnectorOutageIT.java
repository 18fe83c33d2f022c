package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's broker-connector refuses connections (its pod restarting): a placement that
 * provably reached no venue is answered 503 and is not final, so the client's retry with the same
 * clientOrderId places it once the connector is back; a cancel then is 503 and changes nothing.
 */
class ConnectorOutageIT extends RunningTradingApi {

  private static final String SYMBOL = "IDMUSDT";

  private ApiClient trader;
  private String account;

  @BeforeEach
  void account() {
    String subject = "outage-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = userAccount(subject, null);
  }

  @AfterEach
  void connectorBack() {
    stack().restoreConnectorsFile();
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void aPlacementThatReachedNoConnectorIsRetryableAndItsRetryPlacesExactlyOneVenueOrder()
      throws Exception {
    long acceptedBefore = stack().acceptedOrders(SYMBOL);
    String id = newId();
    String body = order(id, SYMBOL, "BUY", "LIMIT", "1.000", "90.00");

    stack().refuseConnectorCalls();
    for (int attempt = 0; attempt < 2; attempt++) {
      Reply refused = trader.post(orders(), body);
      assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
      assertThat(refused.text("reason")).isEqualTo("BROKER_UNAVAILABLE");
      assertThat(refused.text("cause")).isEqualTo("CONNECTOR_UNREACHABLE");
      assertThat(refused.text("detail")).contains("retry with the same clientOrderId");
    }
    Reply unsent = trader.get(orders() + "/" + id);
    assertThat(unsent.text("status")).isEqualTo("NOT_SENT");
    assertThat(unsent.text("rejectReason")).isEqualTo("CONNECTOR_UNREACHABLE");

    stack().restoreConnectorsFile();
    // The client's retries, concurrent: one sends the order, the others answer its outcome.
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<Reply>> retries = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        retries.add(clients.submit(() -> trader.post(orders(), body)));
      }
      List<Reply> answers = new ArrayList<>();
      for (Future<Reply> retry : retries) {
        answers.add(retry.get());
      }
      assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.raw()).isIn(200, 201));
      assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
      assertThat(answers).extracting(a -> a.text("orderId")).containsOnly(unsent.text("orderId"));
      assertThat(answers).extracting(a -> a.text("status")).containsOnly("NEW");
    } finally {
      clients.shutdownNow();
    }
    assertThat(stack().acceptedOrders(SYMBOL) - acceptedBefore).isEqualTo(1);
    assertThat(stack().connectorAccount().openOrders(SYMBOL).size()).isEqualTo(1);
    // Each attempt is in the history: who, when, why.
    List<String> states = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    trader
        .get(orders() + "/" + id + "/events")
        .body()
        .forEach(
            e -> {
              states.add(e.path("to").asString());
              reasons.add(e.path("reason").asString());
            });
    assertThat(states)
        .containsExactly(
            "PENDING_NEW", "NOT_SENT", "PENDING_NEW", "NOT_SENT", "PENDING_NEW", "NEW");
    assertThat(reasons.get(1)).contains("not sent: CONNECTOR_UNREACHABLE");
    assertThat(reasons.get(4)).contains("placed again");
  }

  @Test
  void aCancelWhileTheConnectorRefusesConnectionsIsRetryableAndLeavesTheOrderOpen() {
    String id = newId();
    Reply placed = trader.post(orders(), order(id, SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));
    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");

    stack().refuseConnectorCalls();
    Reply refused = trader.delete(orders() + "/" + id);
    assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
    assertThat(refused.text("reason")).isEqualTo("BROKER_UNAVAILABLE");
    assertThat(refused.text("detail")).contains("CONNECTOR_UNREACHABLE").contains("retry it");
    assertThat(trader.get(orders() + "/" + id).text("status")).isEqualTo("NEW");

    stack().restoreConnectorsFile();
    Reply canceled = trader.delete(orders() + "/" + id);
    assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);
    assertThat(canceled.text("status")).isEqualTo("CANCELED");
  }

  private String orders() {
    return "/api/v1/accounts/" + account + "/orders";
  }
}
