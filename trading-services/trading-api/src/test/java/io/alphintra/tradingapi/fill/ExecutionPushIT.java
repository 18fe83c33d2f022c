package io.alphintra.tradingapi.fill;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TcpProxy;
import io.alphintra.tradingapi.testing.TradingStack;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills and order states reach trading-api through the connector's execution stream. The REST fill
 * feed and the order poller are stopped in every test here, so whatever arrives came by push
 * (except what the gap fallback re-reads, which the last test asks for).
 */
class ExecutionPushIT extends RunningTradingApi {

  private static final String SYMBOL = "PSHUSDT";
  private static final String PUSHED = "venue report (pushed)";
  private static final JsonMapper JSON = new JsonMapper();

  @Autowired private JdbcClient jdbc;
  @Autowired private ConnectorFillFeed feed;
  @Autowired private FillIntake intake;
  @Autowired private ExecutionStreams streams;
  @Autowired private ExecutionStreamPositions positions;
  @Autowired private MeterRegistry meters;

  private ApiClient trader;
  private String account;

  @BeforeEach
  void pollersOff() {
    feed.stop();
    intake.stop();
    String subject = "push-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = userAccount(subject, null);
    await("the execution stream is connected")
        .atMost(Duration.ofSeconds(30))
        .until(() -> streams.connected(TradingStack.CONNECTION));
  }

  @AfterEach
  void pollersOn() {
    if (!streams.isRunning()) {
      streams.start();
    }
    feed.start();
    intake.start();
    stack().maker().cancelAll(SYMBOL);
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void anOrdersFillAndStateChangeArriveByPushWithoutAnyPoller() {
    String id = restingBuy("2.00", "10.00");

    stack().maker().limit(SYMBOL, "SELL", "10.00", "2.00");

    awaitFilled(id);
    await("the fill is recorded").atMost(Duration.ofSeconds(30)).until(() -> fillsOf(account) == 1);
    assertThat(positionQuantity()).isEqualByComparingTo("2.00");
    assertThat(filledEvents(id, PUSHED)).isEqualTo(1);
    assertThat(entries("fill")).isPositive();
  }

  @Test
  void aRestartResumesFromTheStoredSequenceAndRecordsNothingTwice() {
    String id = restingBuy("1.00", "10.10");
    await("the order's NEW state is applied from the stream")
        .atMost(Duration.ofSeconds(30))
        .until(() -> positions.find(TradingStack.CONNECTION).isPresent());
    ExecutionStreamPositions.Position before =
        positions.find(TradingStack.CONNECTION).orElseThrow();

    streams.stop();
    stack().maker().limit(SYMBOL, "SELL", "10.10", "1.00");
    streams.start();

    awaitFilled(id);
    await("the fill is recorded").atMost(Duration.ofSeconds(30)).until(() -> fillsOf(account) == 1);
    ExecutionStreamPositions.Position after = positions.find(TradingStack.CONNECTION).orElseThrow();
    assertThat(after.stream()).isEqualTo(before.stream());
    assertThat(after.sequence()).isGreaterThan(before.sequence());
    // Applying the stream again from the stored position brings nothing new.
    streams.stop();
    streams.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> streams.connected(TradingStack.CONNECTION));
    assertThat(fillsOf(account)).isEqualTo(1);
    assertThat(filledEvents(id, PUSHED)).isEqualTo(1);
    assertThat(positionQuantity()).isEqualByComparingTo("1.00");
  }

  @Test
  void aDroppedConnectionResumesWithNoLossAndNoDuplicate() throws Exception {
    URI connector = URI.create(stack().connectorUrl());
    try (TcpProxy proxy = new TcpProxy(connector.getHost(), connector.getPort())) {
      stack()
          .writeConnectorsFile(
              TradingStack.CONNECTION + "=http://127.0.0.1:" + proxy.port() + "\n");
      await("the stream follows the connector through the proxy")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> proxy.connectionsAccepted() > 0 && streams.connected(TradingStack.CONNECTION));
      String first = restingBuy("1.00", "10.20");
      String second = restingBuy("2.00", "10.30");
      int acceptedBefore = proxy.connectionsAccepted();

      proxy.refuseConnections();
      stack().maker().limit(SYMBOL, "SELL", "10.30", "2.00");
      stack().maker().limit(SYMBOL, "SELL", "10.20", "1.00");
      proxy.acceptConnections();

      awaitFilled(first);
      awaitFilled(second);
      await("both fills recorded")
          .atMost(Duration.ofSeconds(30))
          .until(() -> fillsOf(account) == 2);
      assertThat(proxy.connectionsAccepted()).isGreaterThan(acceptedBefore);
      assertThat(filledEvents(first, PUSHED)).isEqualTo(1);
      assertThat(filledEvents(second, PUSHED)).isEqualTo(1);
      assertThat(positionQuantity()).isEqualByComparingTo("3.00");
    } finally {
      stack().writeConnectorsFile(TradingStack.CONNECTION + "=" + stack().connectorUrl() + "\n");
    }
  }

  @Test
  void aPositionOlderThanTheConnectorHoldsGetsAGapAndTheRestFallbackRecoversIt() {
    String resting = restingBuy("1.00", "9.90");
    double gapsBefore = gaps();

    streams.stop();
    stack().maker().limit(SYMBOL, "SELL", "9.90", "1.00");
    int trades = TradingStack.EXECUTIONS_HELD + 10;
    for (int i = 0; i < trades; i++) {
      stack().maker().limit(SYMBOL, "SELL", "9.95", "1.00");
    }
    Reply sweep =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(newId(), SYMBOL, "BUY", "LIMIT", trades + ".00", "9.95"));
    assertThat(sweep.text("status")).as(sweep.raw()).isEqualTo("FILLED");
    ExecutionStreamPositions.Position stored =
        positions.find(TradingStack.CONNECTION).orElseThrow();
    await("the connector no longer holds what follows the stored position")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "gap".equals(firstMessageAfter(stored)));
    streams.start();

    awaitFilled(resting);
    await("every fill recorded")
        .atMost(Duration.ofSeconds(60))
        .until(() -> fillsOf(account) == trades + 1);
    assertThat(gaps()).isGreaterThan(gapsBefore);
    assertThat(positionQuantity()).isEqualByComparingTo(BigDecimal.valueOf(trades + 1));
    // The resting order's FILLED came from the fallback's REST read, never twice.
    assertThat(filledEvents(resting, null)).isEqualTo(1);
  }

  /** The type of the first message the connector's stream sends after {@code position}. */
  private static String firstMessageAfter(ExecutionStreamPositions.Position position)
      throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create(
                    stack().connectorUrl().replaceFirst("^http", "ws")
                        + "/api/v1/executions/stream?stream="
                        + position.stream()
                        + "&after="
                        + position.sequence()),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      first.complete(JSON.readTree(text.toString()).path("type").asString());
                    }
                    webSocket.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    try {
      return first.get(10, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }

  private String restingBuy(String quantity, String price) {
    String id = newId();
    Reply placed =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(id, SYMBOL, "BUY", "LIMIT", quantity, price));
    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");
    return id;
  }

  private void awaitFilled(String id) {
    await("order " + id + " FILLED")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "FILLED"
                    .equals(
                        trader
                            .get("/api/v1/accounts/" + account + "/orders/" + id)
                            .text("status")));
  }

  /** Transitions of the account's order {@code id} to FILLED (with {@code reason}, when given). */
  private long filledEvents(String id, String reason) {
    return jdbc.sql(
            "SELECT count(*) FROM order_event e JOIN trade_order o ON o.id = e.order_id"
                + " WHERE o.account_id = ? AND o.client_order_id = ? AND e.to_status = 'FILLED'"
                + " AND (CAST(? AS TEXT) IS NULL OR e.reason = ?)")
        .param(account)
        .param(id)
        .param(reason)
        .param(reason)
        .query(Long.class)
        .single();
  }

  private long fillsOf(String account) {
    return jdbc.sql("SELECT count(*) FROM fill WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }

  private BigDecimal positionQuantity() {
    return jdbc.sql("SELECT quantity FROM position WHERE account_id = ?")
        .param(account)
        .query(BigDecimal.class)
        .single();
  }

  private double entries(String type) {
    return meters
        .counter(
            "trading_execution_stream_entries_total",
            "connection",
            TradingStack.CONNECTION,
            "type",
            type)
        .count();
  }

  private double gaps() {
    return meters.find("trading_execution_stream_gaps_total").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
