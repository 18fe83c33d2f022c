package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.StatementCounter;
import io.alphintra.tradingapi.testing.TestDatabase;
import io.alphintra.tradingapi.testing.TradingApiProcess;
import io.alphintra.tradingapi.testing.TradingStack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one placement costs in database round trips, counted exactly: every statement and commit the
 * request's thread sends (a trading-api of its own with {@link StatementCounter}; the push and the
 * pollers are off, so no other writer of the order's state races the placement's answer). Fills are
 * off the placement's path and not counted.
 */
class PlacementStatementsIT {

  private static final String SYMBOL = "IDMUSDT";

  private static TradingApiProcess process;
  private static ApiClient trader;
  private static String account;

  @BeforeAll
  static void start() {
    process =
        TradingApiProcess.start(
            StatementCounter.class,
            TestDatabase.newDatabase(),
            "alphintra.trading.broker.push-executions=false",
            "alphintra.trading.broker.poll-interval=1h");
    String subject = "statements-" + UUID.randomUUID();
    account = "acc-" + UUID.randomUUID().toString().substring(0, 12);
    Reply created =
        process
            .as(TradingStack.shared().issuer().user("admin-1", "ADMIN"))
            .post(
                "/api/v1/accounts",
                "{\"id\":\""
                    + account
                    + "\",\"ownerType\":\"USER\",\"ownerId\":\""
                    + subject
                    + "\",\"brokerConnection\":\""
                    + TradingStack.CONNECTION
                    + "\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    trader = process.as(TradingStack.shared().issuer().user(subject, "TRADER"));
  }

  @AfterAll
  static void stop() {
    process.close();
  }

  @Test
  void aPlacementIsSevenStatementsAndTwoCommitsAndItsRetryReadsTheOrderOnlyOnConflict() {
    // The first order of a connection and symbol also makes the fill feed follow them.
    place(newId());
    List<String> first = StatementCounter.sent();
    assertThat(first).as(String.join("\n", first)).hasSize(10);
    assertThat(first).filteredOn(sql -> sql.contains("fill_cursor")).hasSize(1);

    String id = newId();
    Reply placed = place(id);
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    List<String> placement = StatementCounter.sent();
    // Account (access); risk transaction: account lock, exposure, insert with its history,
    // commit; the venue's answer: order lock, update with its history returning the order,
    // commit; the kill switch of the account of an order left open.
    assertThat(placement).as(String.join("\n", placement)).hasSize(9);
    assertThat(placement).noneMatch(sql -> sql.contains("fill_cursor"));
    assertThat(placement).filteredOn("COMMIT"::equals).hasSize(2);

    Reply retried = place(id);
    assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
    assertThat(retried.text("orderId")).isEqualTo(placed.text("orderId"));
    List<String> retry = StatementCounter.sent();
    // Account; account lock, exposure, insert (conflict), the order, commit; the first outcome.
    assertThat(retry).as(String.join("\n", retry)).hasSize(7);
    assertThat(retry).filteredOn(sql -> sql.startsWith("WITH placed")).hasSize(1);
  }

  private static Reply place(String clientOrderId) {
    StatementCounter.reset();
    Reply reply =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(clientOrderId, SYMBOL, "BUY", "LIMIT", "1.000", "10.00"));
    assertThat(reply.text("status")).as(reply.raw()).isEqualTo("NEW");
    return reply;
  }

  private static String newId() {
    return "s-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }
}
