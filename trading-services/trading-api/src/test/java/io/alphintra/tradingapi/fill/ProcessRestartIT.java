package io.alphintra.tradingapi.fill;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.TestDatabase;
import io.alphintra.tradingapi.testing.TradingApiProcess;
import io.alphintra.tradingapi.testing.TradingStack;
import io.alphintra.tradingapi.testing.VenueMaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The whole trading-api process stops (its application context closes: the execution-stream
 * consumer, pollers, web server, everything) while the venue fills its orders, and a new process on
 * the same database records every one of those fills exactly once: by resuming the connector's
 * execution stream after the stored sequence, or, when the connector no longer holds what follows
 * it, through the gap's REST fallback. Each test has a database of its own, so no other trading-api
 * context (the ITs' shared one follows the same connector) records anything in it; the pollers'
 * interval is an hour, so what arrives comes through the execution stream.
 */
class ProcessRestartIT {

  private static final String SYMBOL = "PSHUSDT";
  private static final String NO_POLLING = "alphintra.trading.broker.poll-interval=1h";

  private String database;
  private JdbcClient jdbc;
  private final List<TradingApiProcess> running = new ArrayList<>();
  private final VenueMaker maker = TradingStack.shared().maker();
  private final VenueMaker venueAccount = TradingStack.shared().connectorAccount();

  @BeforeEach
  void freshDatabase() {
    clearBook();
    database = TestDatabase.newDatabase();
    jdbc = JdbcClient.create(new DriverManagerDataSource(database, "postgres", "postgres"));
  }

  @AfterEach
  void stopAll() {
    running.forEach(TradingApiProcess::close);
    clearBook();
  }

  @Test
  void aNewProcessResumesThePushAfterTheStoredSequenceAndRecordsEveryFillOnce() {
    TradingApiProcess first = start();
    Trader trader = new Trader(first);
    String a = trader.restingBuy("1.00", "8.30");
    String b = trader.restingBuy("2.00", "8.20");
    String c = trader.restingBuy("3.00", "8.10");
    maker.limit(SYMBOL, "SELL", "8.30", "1.00");
    await("the first fill is recorded by push")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fillsOf(trader.account) == 1);
    ExecutionStreamPositions.Position stored = storedPosition();

    first.close();
    maker.limit(SYMBOL, "SELL", "8.20", "2.00");
    maker.limit(SYMBOL, "SELL", "8.10", "1.00");
    maker.limit(SYMBOL, "SELL", "8.10", "2.00");
    TradingApiProcess second = start();

    awaitEveryFillRecorded(trader, List.of(a, b, c), 4);
    assertThat(gaps(second)).as("resumed from the stored sequence, no gap").isZero();
    ExecutionStreamPositions.Position resumed = storedPosition();
    assertThat(resumed.stream()).isEqualTo(stored.stream());
    assertThat(resumed.sequence()).isGreaterThan(stored.sequence());
    assertRecordedOnce(trader, List.of(a, b, c), "6.00");

    // A third process from the position the second stored applies nothing again.
    second.close();
    TradingApiProcess third = start();
    await("the third process follows the stream")
        .atMost(Duration.ofSeconds(30))
        .until(() -> third.bean(ExecutionStreams.class).connected(TradingStack.CONNECTION));
    assertRecordedOnce(trader, List.of(a, b, c), "6.00");
  }

  @Test
  void aNewProcessWhosePositionTheConnectorNoLongerHoldsRecoversTheFillsThroughTheGap() {
    TradingApiProcess first = start();
    Trader trader = new Trader(first);
    String a = trader.restingBuy("1.00", "8.30");
    String b = trader.restingBuy("2.00", "8.20");
    maker.limit(SYMBOL, "SELL", "8.30", "1.00");
    await("the first fill is recorded by push")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fillsOf(trader.account) == 1);

    first.close();
    maker.limit(SYMBOL, "SELL", "8.20", "2.00");
    // Trades of the account outside trading-api push the stored position out of the connector's
    // journal: three entries each (NEW, fill, FILLED).
    for (int i = 0; i < TradingStack.EXECUTIONS_HELD / 3 + 5; i++) {
      venueAccount.limit(SYMBOL, "BUY", "7.00", "1.00");
      maker.limit(SYMBOL, "SELL", "7.00", "1.00");
    }
    TradingApiProcess second = start();

    awaitEveryFillRecorded(trader, List.of(a, b), 2);
    assertThat(gaps(second)).as("the connector answered with a gap").isPositive();
    assertRecordedOnce(trader, List.of(a, b), "3.00");
  }

  private TradingApiProcess start() {
    TradingApiProcess process = TradingApiProcess.start(database, NO_POLLING);
    running.add(process);
    return process;
  }

  /** Waits until every order is FILLED and the account holds {@code fills} fills. */
  private void awaitEveryFillRecorded(Trader trader, List<String> orders, int fills) {
    await("every order FILLED and every fill recorded by the new process")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                orders.stream().allMatch(id -> "FILLED".equals(status(id)))
                    && fillsOf(trader.account) == fills);
  }

  /**
   * The account's fills are exactly the venue's trades of its orders, each once; the position and
   * every order's one transition to FILLED agree.
   */
  private void assertRecordedOnce(Trader trader, List<String> orders, String position) {
    List<String> expected = new ArrayList<>();
    for (String id : orders) {
      long venueOrderId =
          jdbc.sql("SELECT venue_order_id FROM trade_order WHERE client_order_id = ?")
              .param(id)
              .query(Long.class)
              .single();
      venueAccount
          .tradeIds(SYMBOL, venueOrderId)
          .forEach(trade -> expected.add(SYMBOL + ":" + trade + ":" + venueOrderId));
    }
    assertThat(
            jdbc.sql("SELECT venue_fill_id FROM fill WHERE account_id = ?")
                .param(trader.account)
                .query(String.class)
                .list())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(
            jdbc.sql("SELECT quantity FROM position WHERE account_id = ?")
                .param(trader.account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo(position);
    for (String id : orders) {
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM order_event e JOIN trade_order o ON o.id = e.order_id"
                          + " WHERE o.client_order_id = ? AND e.to_status = 'FILLED'")
                  .param(id)
                  .query(Long.class)
                  .single())
          .as("transitions of %s to FILLED", id)
          .isEqualTo(1);
    }
  }

  private String status(String clientOrderId) {
    return jdbc.sql("SELECT status FROM trade_order WHERE client_order_id = ?")
        .param(clientOrderId)
        .query(String.class)
        .single();
  }

  private long fillsOf(String account) {
    return jdbc.sql("SELECT count(*) FROM fill WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }

  private ExecutionStreamPositions.Position storedPosition() {
    return jdbc.sql(
            "SELECT stream_id, last_sequence FROM execution_stream WHERE broker_connection = ?")
        .param(TradingStack.CONNECTION)
        .query((rs, row) -> new ExecutionStreamPositions.Position(rs.getString(1), rs.getLong(2)))
        .single();
  }

  private static double gaps(TradingApiProcess process) {
    return process
        .bean(MeterRegistry.class)
        .find("trading_execution_stream_gaps_total")
        .counters()
        .stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private void clearBook() {
    maker.cancelAll(SYMBOL);
    venueAccount.cancelAll(SYMBOL);
  }

  /** A trader with an account on the test connection, created through {@code process}'s API. */
  private static final class Trader {

    private final String account;
    private final ApiClient client;

    Trader(TradingApiProcess process) {
      String subject = "restart-" + UUID.randomUUID();
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
      client = process.as(TradingStack.shared().issuer().user(subject, "TRADER"));
    }

    String restingBuy(String quantity, String price) {
      String id = "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      Reply placed =
          client.post(
              "/api/v1/accounts/" + account + "/orders",
              order(id, SYMBOL, "BUY", "LIMIT", quantity, price));
      assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");
      return id;
    }
  }
}
