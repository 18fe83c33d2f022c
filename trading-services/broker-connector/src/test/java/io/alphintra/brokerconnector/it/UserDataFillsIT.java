package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.order.BrokerOrder;
import io.alphintra.brokerconnector.order.OrderRegistry;
import io.alphintra.brokerconnector.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The connector follows its account's fills from the simulator's WebSocket API user-data stream,
 * recovers those it missed while cut off from {@code myTrades}, and hands each to a subscriber that
 * reads {@code GET /api/v1/fills} with its trade-id cursor exactly once.
 */
class UserDataFillsIT {

  private static final String SYMBOL = "SIMUSDT";

  private static SimulatedVenue venue;
  private static TcpProxy proxy;
  private static RunningConnector connector;
  private static VenueTrader maker;
  private static VenueTrader own;

  @BeforeAll
  static void start() throws Exception {
    venue = SimulatedVenue.start();
    proxy = new TcpProxy(venue.port());
    connector = RunningConnector.start("http://localhost:" + proxy.port(), SYMBOL);
    maker = venue.maker();
    own = venue.connectorAccount();
  }

  @AfterAll
  static void stop() throws Exception {
    connector.close();
    proxy.close();
    venue.close();
  }

  @AfterEach
  void clearBook() {
    maker.cancelAll(SYMBOL);
    own.cancelAll(SYMBOL);
  }

  @Test
  void aFillAgainstARestingOrderOfTheAccountArrivesOnce() {
    long cursor = caughtUp(connector);
    long orderId = restingBuyFilledByAnotherTrader("91.00", "2");

    List<JsonNode> fills = awaitFillsOf(connector, cursor, List.of(orderId));

    assertThat(tradeIds(fills)).containsExactlyElementsOf(venueTradeIds(orderId));
    JsonNode fill = fills.getFirst();
    assertThat(fill.path("side").asString()).isEqualTo("BUY");
    assertThat(new BigDecimal(fill.path("price").asString())).isEqualByComparingTo("91.00");
    assertThat(new BigDecimal(fill.path("quantity").asString())).isEqualByComparingTo("2");
    assertThat(fill.path("maker").asBoolean()).isTrue();
  }

  @Test
  void fillsMadeWhileTheFeedIsCutArriveOnceEachAfterItReconnects() throws Exception {
    long cursor = caughtUp(connector);
    int connectionsBefore = proxy.connectionsAccepted();

    proxy.refuseConnections();
    List<Long> missed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      missed.add(restingBuyFilledByAnotherTrader("9" + i + ".00", "1"));
    }
    proxy.acceptConnections();

    List<JsonNode> fills = awaitFillsOf(connector, cursor, missed);
    List<Long> expected = new ArrayList<>();
    missed.forEach(orderId -> expected.addAll(venueTradeIds(orderId)));
    assertThat(tradeIds(fills)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(proxy.connectionsAccepted()).isGreaterThan(connectionsBefore);
  }

  @Test
  void aRestartedConnectorResumesFromTheSubscribersCursor() {
    long cursor = caughtUp(connector);
    long before = restingBuyFilledByAnotherTrader("93.50", "1");
    awaitFillsOf(connector, cursor, List.of(before));
    cursor = caughtUp(connector);

    connector.close();
    long whileDown = restingBuyFilledByAnotherTrader("94.50", "1");
    connector = RunningConnector.start("http://localhost:" + proxy.port(), SYMBOL);

    List<JsonNode> fills = awaitFillsOf(connector, cursor, List.of(whileDown));
    assertThat(tradeIds(fills)).containsExactlyElementsOf(venueTradeIds(whileDown));
  }

  @Test
  void anOrderFilledOnTheVenueIsKnownFilledFromTheFeedAndItsFillNamesItsClientOrderId() {
    long cursor = caughtUp(connector);
    String clientOrderId = "feed-" + System.nanoTime();
    RunningConnector.Reply placed =
        connector.post(
            "/api/v1/orders",
            RunningConnector.order(clientOrderId, SYMBOL, "BUY", "LIMIT", "GTC", "1.5", "92.00"));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.body().path("status").asString()).isEqualTo("NEW");
    long orderId = placed.body().path("venueOrderId").asLong();
    OrderRegistry registry = connector.bean(OrderRegistry.class);

    maker.limit(SYMBOL, "SELL", "IOC", "92.00", "0.5");
    await("the partial fill reaches the registry from the user-data feed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> registry.find(clientOrderId).orElseThrow().latest().status(),
            OrderStatus.PARTIALLY_FILLED::equals);
    maker.limit(SYMBOL, "SELL", "IOC", "92.00", "1");
    await("the last fill reaches the registry from the user-data feed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> registry.find(clientOrderId).orElseThrow().latest().status(),
            OrderStatus.FILLED::equals);

    BrokerOrder known = registry.find(clientOrderId).orElseThrow().latest();
    assertThat(known.executedQuantity()).isEqualByComparingTo("1.5");
    assertThat(known.cumulativeQuoteQuantity()).isEqualByComparingTo("138.00");
    List<JsonNode> fills = awaitFillsOf(connector, cursor, List.of(orderId));
    assertThat(fills)
        .filteredOn(fill -> fill.path("orderId").asLong() == orderId)
        .extracting(fill -> fill.path("clientOrderId").asString())
        .containsOnly(clientOrderId);
  }

  @Test
  void anOrderFilledWhileTheFeedWasCutIsKnownFilledAfterItReconnects() throws Exception {
    caughtUp(connector);
    String clientOrderId = "gap-" + System.nanoTime();
    RunningConnector.Reply placed =
        connector.post(
            "/api/v1/orders",
            RunningConnector.order(clientOrderId, SYMBOL, "BUY", "LIMIT", "GTC", "1", "89.00"));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    OrderRegistry registry = connector.bean(OrderRegistry.class);
    int connectionsBefore = proxy.connectionsAccepted();

    proxy.refuseConnections();
    assertThat(maker.limit(SYMBOL, "SELL", "IOC", "89.00", "1").body().path("status").asString())
        .isEqualTo("FILLED");
    proxy.acceptConnections();

    await("the missed fill's order state is recovered from allOrders after the reconnect")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> registry.find(clientOrderId).orElseThrow().latest().status(),
            OrderStatus.FILLED::equals);
    assertThat(proxy.connectionsAccepted()).isGreaterThan(connectionsBefore);
    assertThat(registry.find(clientOrderId).orElseThrow().latest().executedQuantity())
        .isEqualByComparingTo("1");
  }

  /** Reads every fill after {@code cursor} until the journal has nothing more, and the last id. */
  private static long caughtUp(RunningConnector running) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> running.get("/api/v1/fills?symbol=" + SYMBOL).status() == 200);
    long cursor = -1;
    for (JsonNode fill : readAfter(running, cursor)) {
      cursor = fill.path("tradeId").asLong();
    }
    return cursor;
  }

  private static List<JsonNode> readAfter(RunningConnector running, long cursor) {
    List<JsonNode> all = new ArrayList<>();
    while (true) {
      RunningConnector.Reply reply =
          running.get("/api/v1/fills?symbol=" + SYMBOL + "&afterTradeId=" + cursor + "&limit=2");
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      List<JsonNode> page = reply.body().path("fills").valueStream().toList();
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      cursor = page.getLast().path("tradeId").asLong();
    }
  }

  /**
   * Waits until the subscriber, reading after {@code cursor}, has seen the venue's fills of every
   * order; returns all it read.
   */
  private static List<JsonNode> awaitFillsOf(
      RunningConnector running, long cursor, List<Long> orderIds) {
    List<JsonNode> read = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              read.clear();
              read.addAll(readAfter(running, cursor));
              return orderIds.stream()
                  .allMatch(
                      id ->
                          read.stream().filter(f -> f.path("orderId").asLong() == id).count()
                              == venueTradeIds(id).size());
            });
    return read;
  }

  /** A BUY of the connector's account rests; the maker account sells into it. */
  private static long restingBuyFilledByAnotherTrader(String price, String quantity) {
    VenueTrader.Answer resting = own.limit(SYMBOL, "BUY", "GTC", price, quantity);
    assertThat(resting.status()).as(resting.body().toString()).isEqualTo(200);
    VenueTrader.Answer taker = maker.limit(SYMBOL, "SELL", "IOC", price, quantity);
    assertThat(taker.body().path("status").asString()).isEqualTo("FILLED");
    return resting.body().path("orderId").asLong();
  }

  private static List<Long> venueTradeIds(long orderId) {
    VenueTrader.Answer trades =
        own.signed(
            "GET", "/api/v3/myTrades", Map.of("symbol", SYMBOL, "orderId", Long.toString(orderId)));
    return trades.body().valueStream().map(t -> t.path("id").asLong()).toList();
  }

  private static List<Long> tradeIds(List<JsonNode> fills) {
    return fills.stream().map(f -> f.path("tradeId").asLong()).toList();
  }
}
