package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static io.alphintra.brokersimulator.api.StreamSubscriptionProtocolIT.limit;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Every market stream the simulator publishes, fed by real orders over REST and read over real
 * WebSockets: aggTrade, bookTicker, partial and diff depth, klines, tickers, avgPrice and the
 * all-market mini tickers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ActiveProfiles("it")
class MarketStreamCatalogIT {

  @LocalServerPort int port;

  private final List<WebSocketTestClient> clients = new ArrayList<>();
  private SigningClient alice;
  private SigningClient carol;

  @BeforeEach
  void traders() {
    alice =
        new SigningClient("http://localhost:" + port, "alice-key", "alice-secret", "10.202.0.1");
    carol =
        new SigningClient("http://localhost:" + port, "carol-key", "carol-secret", "10.202.0.2");
  }

  @AfterEach
  void closeAndCancel() {
    clients.forEach(WebSocketTestClient::close);
    alice.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
    carol.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
  }

  @Test
  void aggTradeSumsTheTradesOfOneTakerAtOnePrice() throws Exception {
    WebSocketTestClient client = connect("/ws/simusdt@aggTrade");
    carol.signed("POST", "/api/v3/order", limit("SELL", "101.00", "2"));
    carol.signed("POST", "/api/v3/order", limit("SELL", "101.00", "3"));
    carol.signed("POST", "/api/v3/order", limit("SELL", "101.50", "1"));

    JsonNode fills =
        alice.signed("POST", "/api/v3/order", limit("BUY", "101.50", "6")).body().path("fills");

    JsonNode first =
        client.next(node -> node.path("f").asLong() == fills.get(0).path("tradeId").asLong());
    assertThat(first.path("e").asString()).isEqualTo("aggTrade");
    assertThat(first.path("p").asString()).isEqualTo("101.00000000");
    assertThat(first.path("q").asString()).isEqualTo("5.00000000");
    assertThat(first.path("l").asLong()).isEqualTo(fills.get(1).path("tradeId").asLong());
    assertThat(first.path("m").asBoolean()).isFalse();
    JsonNode second = client.next();
    assertThat(second.path("a").asLong()).isEqualTo(first.path("a").asLong() + 1);
    assertThat(second.path("p").asString()).isEqualTo("101.50000000");
    assertThat(second.path("q").asString()).isEqualTo("1.00000000");
    assertThat(second.path("f").asLong()).isEqualTo(fills.get(2).path("tradeId").asLong());
    // The stream's aggregates are REST's aggTrades, ids included.
    JsonNode rest =
        alice
            .publicGet(
                "/api/v3/aggTrades",
                params("symbol", "SIMUSDT", "fromId", first.path("a").asString(), "limit", "2"))
            .body();
    for (JsonNode pushed : List.of(first, second)) {
      JsonNode row = rest.get((int) (pushed.path("a").asLong() - first.path("a").asLong()));
      assertThat(List.of(row.path("a"), row.path("p"), row.path("q"), row.path("f")))
          .containsExactly(pushed.path("a"), pushed.path("p"), pushed.path("q"), pushed.path("f"));
      assertThat(List.of(row.path("l"), row.path("T"), row.path("m")))
          .containsExactly(pushed.path("l"), pushed.path("T"), pushed.path("m"));
    }
  }

  @Test
  void bookTickerAndPartialDepthShowTheRestingOrders() throws Exception {
    WebSocketTestClient ticker = connect("/ws/simusdt@bookTicker");
    WebSocketTestClient depth = connect("/stream?streams=simusdt@depth5@100ms/simusdt@depth10");

    alice.signed("POST", "/api/v3/order", limit("BUY", "95.00", "1"));
    alice.signed("POST", "/api/v3/order", limit("BUY", "95.00", "2"));
    carol.signed("POST", "/api/v3/order", limit("SELL", "105.00", "4"));

    JsonNode top =
        ticker.next(
            node ->
                "3.00000000".equals(node.path("B").asString())
                    && "105.00000000".equals(node.path("a").asString()));
    assertThat(top.path("s").asString()).isEqualTo("SIMUSDT");
    assertThat(top.path("b").asString()).isEqualTo("95.00000000");
    assertThat(top.path("A").asString()).isEqualTo("4.00000000");
    assertThat(top.path("u").asLong()).isPositive();

    JsonNode fast =
        depth.next(
            node ->
                node.path("stream").asString().equals("simusdt@depth5@100ms")
                    && node.path("data").path("asks").size() == 1);
    assertThat(fast.path("data").path("bids").get(0).get(0).asString()).isEqualTo("95.00000000");
    assertThat(fast.path("data").path("bids").get(0).get(1).asString()).isEqualTo("3.00000000");
    assertThat(fast.path("data").path("lastUpdateId").asLong())
        .isGreaterThanOrEqualTo(top.path("u").asLong());
    JsonNode slow = depth.next(node -> node.path("stream").asString().equals("simusdt@depth10"));
    assertThat(slow.path("data").has("lastUpdateId")).isTrue();
  }

  @Test
  void diffDepthEventsSyncALocalBookFromARestSnapshotAsBinanceDocuments() throws Exception {
    WebSocketTestClient client = connect("/ws/simusdt@depth@100ms");
    alice.signed("POST", "/api/v3/order", limit("BUY", "96.00", "1"));
    JsonNode snapshot =
        alice.publicGet("/api/v3/depth", params("symbol", "SIMUSDT", "limit", "100")).body();
    long lastUpdateId = snapshot.path("lastUpdateId").asLong();
    alice.signed("POST", "/api/v3/order", limit("BUY", "96.50", "2"));
    carol.signed("POST", "/api/v3/order", limit("SELL", "104.00", "3"));
    carol.signed("POST", "/api/v3/order", limit("SELL", "96.50", "1"));
    long finalUpdateId =
        alice
            .publicGet("/api/v3/depth", params("symbol", "SIMUSDT", "limit", "100"))
            .body()
            .path("lastUpdateId")
            .asLong();

    TreeMap<BigDecimal, BigDecimal> bids = levels(snapshot.path("bids"));
    TreeMap<BigDecimal, BigDecimal> asks = levels(snapshot.path("asks"));
    long bookUpdateId = lastUpdateId;
    boolean first = true;
    while (bookUpdateId < finalUpdateId) {
      JsonNode event = client.next();
      assertThat(event.path("e").asString()).isEqualTo("depthUpdate");
      long firstId = event.path("U").asLong();
      long lastId = event.path("u").asLong();
      if (lastId <= lastUpdateId) {
        continue;
      }
      if (first) {
        assertThat(firstId).isLessThanOrEqualTo(lastUpdateId + 1);
        first = false;
      } else {
        assertThat(firstId).isEqualTo(bookUpdateId + 1);
      }
      apply(bids, event.path("b"));
      apply(asks, event.path("a"));
      bookUpdateId = lastId;
    }

    JsonNode expected =
        alice.publicGet("/api/v3/depth", params("symbol", "SIMUSDT", "limit", "100")).body();
    assertThat(bookUpdateId).isEqualTo(finalUpdateId);
    assertThat(bids).isEqualTo(levels(expected.path("bids")));
    assertThat(asks).isEqualTo(levels(expected.path("asks")));
    assertThat(bids.get(new BigDecimal("96.50"))).isEqualByComparingTo("1");
  }

  @Test
  void klinesCarryTheTradeAndCloseWithXTrue() throws Exception {
    WebSocketTestClient client = connect("/stream?streams=simusdt@kline_1m/simusdt@kline_1s");
    long tradeId = trade("102.00", "2");

    JsonNode minute =
        client.next(
            node ->
                node.path("stream").asString().equals("simusdt@kline_1m")
                    && node.path("data").path("k").path("L").asLong() == tradeId);
    JsonNode k = minute.path("data").path("k");
    assertThat(minute.path("data").path("e").asString()).isEqualTo("kline");
    assertThat(k.path("i").asString()).isEqualTo("1m");
    assertThat(k.path("c").asString()).isEqualTo("102.00000000");
    assertThat(k.path("T").asLong() - k.path("t").asLong()).isEqualTo(59_999);
    assertThat(k.path("t").asLong() % 60_000).isZero();
    assertThat(new BigDecimal(k.path("v").asString())).isGreaterThanOrEqualTo(new BigDecimal("2"));
    assertThat(new BigDecimal(k.path("V").asString())).isGreaterThanOrEqualTo(new BigDecimal("2"));
    assertThat(k.path("x").asBoolean()).isFalse();

    JsonNode closedSecond =
        client.next(
            node ->
                node.path("stream").asString().equals("simusdt@kline_1s")
                    && node.path("data").path("k").path("L").asLong() == tradeId
                    && node.path("data").path("k").path("x").asBoolean());
    JsonNode second = closedSecond.path("data").path("k");
    // Other tests may have traded in the same second: assert only what this trade fixes.
    assertThat(second.path("i").asString()).isEqualTo("1s");
    assertThat(second.path("c").asString()).isEqualTo("102.00000000");
    assertThat(second.path("T").asLong() - second.path("t").asLong()).isEqualTo(999);
    assertThat(second.path("n").asLong()).isPositive();
    assertThat(new BigDecimal(second.path("q").asString()))
        .isGreaterThanOrEqualTo(new BigDecimal("204"));
  }

  @Test
  void tickersAndAveragePriceFollowTheLastTrade() throws Exception {
    WebSocketTestClient client =
        connect(
            "/stream?streams=simusdt@miniTicker/simusdt@ticker/simusdt@avgPrice/!miniTicker@arr"
                + "/simusdt@ticker_1h/!ticker_1d@arr");
    alice.signed("POST", "/api/v3/order", limit("BUY", "90.00", "1"));
    long tradeId = trade("103.00", "1");

    JsonNode ticker =
        client.next(
            node ->
                node.path("stream").asString().equals("simusdt@ticker")
                    && node.path("data").path("L").asLong() == tradeId);
    JsonNode data = ticker.path("data");
    assertThat(data.path("e").asString()).isEqualTo("24hrTicker");
    assertThat(data.path("c").asString()).isEqualTo("103.00000000");
    assertThat(data.path("Q").asString()).isEqualTo("1.00000000");
    assertThat(data.path("b").asString()).isEqualTo("90.00000000");
    assertThat(data.path("C").asLong() - data.path("O").asLong()).isEqualTo(86_400_000L);
    assertThat(data.path("n").asLong()).isPositive();

    JsonNode mini =
        client.next(
            node ->
                node.path("stream").asString().equals("simusdt@miniTicker")
                    && node.path("data").path("c").asString().equals("103.00000000"));
    assertThat(mini.path("data").path("e").asString()).isEqualTo("24hrMiniTicker");

    JsonNode all =
        client.next(
            node ->
                node.path("stream").asString().equals("!miniTicker@arr")
                    && node.path("data")
                        .valueStream()
                        .anyMatch(entry -> entry.path("s").asString().equals("SIMUSDT")));
    assertThat(all.path("data").isArray()).isTrue();

    JsonNode hour =
        client.next(
            node ->
                node.path("stream").asString().equals("simusdt@ticker_1h")
                    && node.path("data").path("L").asLong() == tradeId);
    assertThat(hour.path("data").path("e").asString()).isEqualTo("1hTicker");
    assertThat(hour.path("data").path("c").asString()).isEqualTo("103.00000000");
    assertThat(hour.path("data").path("O").asLong() % 60_000).isZero();
    JsonNode allDay =
        client.next(
            node ->
                node.path("stream").asString().equals("!ticker_1d@arr")
                    && node.path("data")
                        .valueStream()
                        .anyMatch(entry -> entry.path("L").asLong() == tradeId));
    assertThat(allDay.path("data").get(0).path("e").asString()).isEqualTo("1dTicker");

    JsonNode average =
        client.next(node -> node.path("stream").asString().equals("simusdt@avgPrice"));
    assertThat(average.path("data").path("e").asString()).isEqualTo("avgPrice");
    assertThat(average.path("data").path("i").asString()).isEqualTo("5m");
    assertThat(new BigDecimal(average.path("data").path("w").asString())).isPositive();
  }

  private WebSocketTestClient connect(String path) throws Exception {
    WebSocketTestClient client = WebSocketTestClient.connect(port, path);
    clients.add(client);
    client.awaitSubscribed();
    return client;
  }

  private long trade(String price, String quantity) {
    carol.signed("POST", "/api/v3/order", limit("SELL", price, quantity));
    return alice
        .signed("POST", "/api/v3/order", limit("BUY", price, quantity))
        .body()
        .path("fills")
        .get(0)
        .path("tradeId")
        .asLong();
  }

  private static TreeMap<BigDecimal, BigDecimal> levels(JsonNode levels) {
    TreeMap<BigDecimal, BigDecimal> out = new TreeMap<>();
    apply(out, levels);
    return out;
  }

  private static void apply(Map<BigDecimal, BigDecimal> book, JsonNode levels) {
    for (JsonNode level : levels) {
      BigDecimal price = new BigDecimal(level.get(0).asString()).stripTrailingZeros();
      BigDecimal quantity = new BigDecimal(level.get(1).asString());
      if (quantity.signum() == 0) {
        book.remove(price);
      } else {
        book.put(price, quantity.stripTrailingZeros());
      }
    }
  }
}
