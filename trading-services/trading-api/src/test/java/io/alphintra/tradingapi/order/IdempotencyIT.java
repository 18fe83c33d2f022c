package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A clientOrderId is one order per account, however often and however concurrently it is sent. */
class IdempotencyIT extends RunningTradingApi {

  private static final String SYMBOL = "IDMUSDT";

  @Autowired private JdbcClient jdbc;

  @Test
  void twentyConcurrentRetriesOfOneClientOrderIdCreateOneOrderAndAllSeeTheFirstOutcome()
      throws Exception {
    String subject = "idem-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String id = newId();
    String body = order(id, SYMBOL, "BUY", "LIMIT", "1.000", "50.00");
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Reply>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return trader.post("/api/v1/accounts/" + account + "/orders", body);
                }));
      }
      start.countDown();
    }
    List<Reply> replies = new ArrayList<>();
    for (Future<Reply> future : futures) {
      replies.add(future.get());
    }

    assertThat(replies).extracting(Reply::status).containsOnly(200, 201);
    assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
    assertThat(replies)
        .extracting(reply -> reply.text("orderId"))
        .containsOnly(orderId(account, id));
    assertThat(replies).extracting(reply -> reply.text("status")).containsOnly("NEW");
    assertThat(
            jdbc.sql("SELECT count(*) FROM trade_order WHERE account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(stack().connectorAccount().openOrders(SYMBOL).findValuesAsString("clientOrderId"))
        .as("the venue has the order once")
        .containsOnlyOnce(venueClientOrderId(account, id));
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void aRetryWithOtherParametersIsAConflictAndChangesNothing() {
    String subject = "idem-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String id = newId();
    trader.post(
        "/api/v1/accounts/" + account + "/orders",
        order(id, SYMBOL, "BUY", "LIMIT", "1.000", "50.00"));

    Reply conflict =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(id, SYMBOL, "BUY", "LIMIT", "2.000", "50.00"));

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.text("reason")).isEqualTo("CLIENT_ORDER_ID_CONFLICT");
    assertThat(conflict.text("detail")).contains(id, "use a new clientOrderId");
    assertThat(trader.get("/api/v1/accounts/" + account + "/orders/" + id).text("quantity"))
        .isEqualTo("1.000");
    trader.delete("/api/v1/accounts/" + account + "/orders/" + id);
  }

  @Test
  void aRetryOfARecordedOrderAnswersItWhereTheLimitsNowRefuseANewOne() {
    String subject = "idem-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, "{\"maxOpenOrders\":1}");
    String id = newId();
    String body = order(id, SYMBOL, "BUY", "LIMIT", "1.000", "50.00");
    Reply placed = trader.post("/api/v1/accounts/" + account + "/orders", body);
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);

    // The order itself fills the one open-order slot: a new order is refused, its retry is not.
    Reply retried = trader.post("/api/v1/accounts/" + account + "/orders", body);
    Reply conflicting =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(id, SYMBOL, "BUY", "LIMIT", "2.000", "50.00"));
    Reply another =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(newId(), SYMBOL, "BUY", "LIMIT", "1.000", "50.00"));

    assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
    assertThat(retried.text("orderId")).isEqualTo(placed.text("orderId"));
    assertThat(retried.text("status")).isEqualTo("NEW");
    assertThat(conflicting.status()).as(conflicting.raw()).isEqualTo(409);
    assertThat(conflicting.text("reason")).isEqualTo("CLIENT_ORDER_ID_CONFLICT");
    assertThat(another.status()).as(another.raw()).isEqualTo(422);
    assertThat(another.text("reason")).isEqualTo("MAX_OPEN_ORDERS");
    assertThat(
            jdbc.sql("SELECT count(*) FROM trade_order WHERE account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    trader.delete("/api/v1/accounts/" + account + "/orders/" + id);
  }

  @Test
  void theSameClientOrderIdOnAnotherAccountIsAnotherOrder() {
    String subject = "idem-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String first = userAccount(subject, null);
    String second = userAccount(subject, null);
    String id = newId();
    String body = order(id, SYMBOL, "BUY", "LIMIT", "1.000", "50.00");

    assertThat(trader.post("/api/v1/accounts/" + first + "/orders", body).status()).isEqualTo(201);
    assertThat(trader.post("/api/v1/accounts/" + second + "/orders", body).status()).isEqualTo(201);
    trader.delete("/api/v1/accounts/" + first + "/orders/" + id);
    trader.delete("/api/v1/accounts/" + second + "/orders/" + id);
  }

  private String orderId(String account, String clientOrderId) {
    return jdbc.sql("SELECT id::text FROM trade_order WHERE account_id = ? AND client_order_id = ?")
        .param(account)
        .param(clientOrderId)
        .query(String.class)
        .single();
  }

  private String venueClientOrderId(String account, String clientOrderId) {
    return jdbc.sql(
            "SELECT venue_client_order_id FROM trade_order WHERE account_id = ? AND"
                + " client_order_id = ?")
        .param(account)
        .param(clientOrderId)
        .query(String.class)
        .single();
  }
}
