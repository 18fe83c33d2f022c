package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Thousands of orders through trading-api → connector → a simulator that answers 5xx, -1007 after
 * accepting, and with random latency: every order exists exactly once on the venue and in the
 * database, and the position is the sum of the fills. {@code -Dfault-injection.orders=N} changes
 * the count (2,000 by default).
 */
class FaultInjectionIT extends RunningTradingApi {

  private static final Logger log = LoggerFactory.getLogger(FaultInjectionIT.class);
  private static final String SYMBOL = "FLTUSDT";
  private static final int ORDERS = Integer.getInteger("fault-injection.orders", 2000);
  private static final int IN_FLIGHT = 16;

  @Autowired private JdbcClient jdbc;

  @AfterEach
  void noFaults() {
    stack().faults("{}");
    stack().maker().cancelAll(SYMBOL);
  }

  @Test
  void everyOrderExistsOnceOnTheVenueAndInTheDatabaseAndThePositionIsTheSumOfFills()
      throws Exception {
    String subject = "fault-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    stack().maker().limit(SYMBOL, "SELL", "10.00", "5000.00");
    long acceptedBefore = stack().acceptedOrders(SYMBOL);
    double reconciledBefore =
        stack().connectorMetric("broker_orders_recovered_total", "source=\"reconciliation\"");
    // ~2 % of requests fail with a 500 before executing, ~2 % of accepted orders answer -1007,
    // latency uniform in [0, 100] ms.
    stack()
        .faults(
            "{\"latencyMillis\":0,\"latencyJitterMillis\":100,\"serverErrorRate\":0.02,"
                + "\"timeoutAfterAcceptRate\":0.02}");
    Map<Integer, Integer> replyStatuses = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> placements = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        // Even: an IOC buy at the maker's ask fills; odd: an IOC buy below it expires.
        String body =
            order("f-" + i, SYMBOL, "BUY", "LIMIT", "1.00", i % 2 == 0 ? "10.00" : "9.00")
                .replace("}", ",\"timeInForce\":\"IOC\"}");
        inFlight.acquire();
        placements.add(
            callers.submit(
                () -> {
                  try {
                    Reply reply = trader.post("/api/v1/accounts/" + account + "/orders", body);
                    replyStatuses.merge(reply.status(), 1, Integer::sum);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (Future<?> placement : placements) {
        placement.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    stack().faults("{}");
    await("every order resolved")
        .atMost(Duration.ofMinutes(3))
        .until(
            () ->
                count("status IN ('PENDING_NEW', 'UNKNOWN', 'NEW', 'PARTIALLY_FILLED')", account)
                    == 0);
    log.info(
        "{} orders in {} s with faults on: replies {}, statuses {}",
        ORDERS,
        String.format("%.1f", seconds),
        replyStatuses,
        statuses(account));

    assertThat(replyStatuses).containsOnlyKeys(201);
    assertThat(count("TRUE", account)).isEqualTo(ORDERS);
    assertThat(count("status = 'FILLED' AND client_order_id ~ '[02468]$'", account))
        .isEqualTo(ORDERS / 2);
    assertThat(count("status = 'EXPIRED' AND client_order_id ~ '[13579]$'", account))
        .isEqualTo(ORDERS / 2);
    assertThat(stack().acceptedOrders(SYMBOL) - acceptedBefore)
        .as("orders the venue accepted")
        .isEqualTo(ORDERS);
    await("every fill recorded from the connector's fill feed")
        .atMost(Duration.ofMinutes(2))
        .until(() -> filled(account).compareTo(BigDecimal.valueOf(ORDERS / 2)) >= 0);
    BigDecimal fills = filled(account);
    BigDecimal position =
        jdbc.sql("SELECT quantity FROM position WHERE account_id = ? AND symbol = ?")
            .param(account)
            .param(SYMBOL)
            .query(BigDecimal.class)
            .single();
    assertThat(fills).isEqualByComparingTo(BigDecimal.valueOf(ORDERS / 2));
    assertThat(position).isEqualByComparingTo(fills);
    assertThat(
            stack().connectorMetric("broker_orders_recovered_total", "source=\"reconciliation\"")
                - reconciledBefore)
        .as("the faults happened: the connector had to look orders up after -1007/5xx")
        .isPositive();
  }

  private BigDecimal filled(String account) {
    return jdbc.sql("SELECT coalesce(sum(quantity), 0) FROM fill WHERE account_id = ?")
        .param(account)
        .query(BigDecimal.class)
        .single();
  }

  private long count(String condition, String account) {
    return jdbc.sql("SELECT count(*) FROM trade_order WHERE account_id = ? AND " + condition)
        .param(account)
        .query(Long.class)
        .single();
  }

  private List<String> statuses(String account) {
    return jdbc.sql(
            "SELECT status || '=' || count(*) FROM trade_order WHERE account_id = ? GROUP BY status")
        .param(account)
        .query(String.class)
        .list();
  }
}
