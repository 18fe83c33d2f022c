package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Subscribes to the Binance-shaped market streams over real WebSockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ActiveProfiles("it")
class MarketStreamsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  private final List<WebSocket> sockets = new ArrayList<>();
  private SigningClient alice;
  private SigningClient carol;

  @BeforeEach
  void clients() {
    alice =
        new SigningClient("http://localhost:" + port, "alice-key", "alice-secret", "10.200.0.1");
    carol =
        new SigningClient("http://localhost:" + port, "carol-key", "carol-secret", "10.200.0.2");
  }

  @AfterEach
  void close() {
    sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    putFaults("{}");
    alice.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
    carol.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
  }

  @Test
  void tradeStreamDeliversBinanceTradeEventsToEverySubscriber() throws Exception {
    Subscriber first = subscribe("/ws/simusdt@trade");
    Subscriber second = subscribe("/ws/simusdt@trade");

    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "2"));
    alice.signed("POST", "/api/v3/order", limit("BUY", "100.00", "2"));

    for (Subscriber subscriber : List.of(first, second)) {
      JsonNode trade = subscriber.next();
      assertThat(trade.path("e").asString()).isEqualTo("trade");
      assertThat(trade.path("s").asString()).isEqualTo("SIMUSDT");
      assertThat(trade.path("p").asString()).isEqualTo("100.00000000");
      assertThat(trade.path("q").asString()).isEqualTo("2.00000000");
      assertThat(trade.path("m").asBoolean()).isFalse();
      assertThat(trade.path("t").asLong()).isPositive();
      assertThat(trade.has("T")).isTrue();
    }
  }

  @Test
  void aClosedKlineAndTheAveragePriceOnStreamsEqualWhatRestAnswers() throws Exception {
    Subscriber subscriber = subscribe("/stream?streams=simusdt@kline_1m/simusdt@avgPrice");
    carol.signed("POST", "/api/v3/order", limit("SELL", "101.00", "2"));
    alice.signed("POST", "/api/v3/order", limit("BUY", "101.00", "2"));

    // The minute that closes first has our trade, unless the trade fell into the next one.
    JsonNode kline =
        subscriber
            .nextData(
                Duration.ofSeconds(150),
                data ->
                    data.path("e").asString().equals("kline")
                        && data.path("k").path("x").asBoolean()
                        && data.path("k").path("n").asLong() > 0)
            .path("k");
    JsonNode row =
        alice
            .publicGet(
                "/api/v3/klines",
                params(
                    "symbol",
                    "SIMUSDT",
                    "interval",
                    "1m",
                    "startTime",
                    kline.path("t").asString(),
                    "limit",
                    "1"))
            .body()
            .get(0);
    assertThat(row.get(0).asLong()).isEqualTo(kline.path("t").asLong());
    assertThat(row.get(6).asLong()).isEqualTo(kline.path("T").asLong());
    assertThat(
            List.of(
                row.get(1).asString(),
                row.get(2).asString(),
                row.get(3).asString(),
                row.get(4).asString(),
                row.get(5).asString(),
                row.get(7).asString(),
                row.get(8).asString(),
                row.get(9).asString(),
                row.get(10).asString()))
        .containsExactly(
            kline.path("o").asString(),
            kline.path("h").asString(),
            kline.path("l").asString(),
            kline.path("c").asString(),
            kline.path("v").asString(),
            kline.path("q").asString(),
            kline.path("n").asString(),
            kline.path("V").asString(),
            kline.path("Q").asString());

    // Both answer for "now": an older trade can leave the 5-minute window between the two reads,
    // so compare a REST answer with the push that follows it until both saw the same window.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode rest =
                  alice.publicGet("/api/v3/avgPrice", params("symbol", "SIMUSDT")).body();
              subscriber.messages.clear();
              JsonNode pushed =
                  subscriber.nextData(
                      Duration.ofSeconds(5), data -> data.path("e").asString().equals("avgPrice"));
              assertThat(pushed.path("w").asString()).isEqualTo(rest.path("price").asString());
              assertThat(pushed.path("i").asString()).isEqualTo(rest.path("mins").asInt() + "m");
              assertThat(pushed.path("T").asLong()).isEqualTo(rest.path("closeTime").asLong());
            });
  }

  @Test
  void combinedStreamWrapsDepthUpdatesWithTheStreamName() throws Exception {
    Subscriber subscriber = subscribe("/stream?streams=simusdt@depth@100ms/simusdt@trade");

    alice.signed("POST", "/api/v3/order", limit("BUY", "97.00", "3"));

    JsonNode message = subscriber.next();
    assertThat(message.path("stream").asString()).isEqualTo("simusdt@depth@100ms");
    JsonNode depth = message.path("data");
    assertThat(depth.path("e").asString()).isEqualTo("depthUpdate");
    assertThat(depth.path("u").asLong()).isGreaterThanOrEqualTo(depth.path("U").asLong());
    assertThat(depth.path("b").get(0).get(0).asString()).isEqualTo("97.00000000");
    assertThat(depth.path("b").get(0).get(1).asString()).isEqualTo("3.00000000");
  }

  @Test
  void simulatedMarketTradesReachSubscribersWithoutAnyClientOrder() throws Exception {
    Subscriber subscriber = subscribe("/ws/btcusdt@trade");

    JsonNode trade = subscriber.next();

    assertThat(trade.path("s").asString()).isEqualTo("BTCUSDT");
    assertThat(Double.parseDouble(trade.path("p").asString())).isBetween(30_000.0, 120_000.0);
  }

  @Test
  void droppedStreamMessagesNeverReachTheSubscriber() throws Exception {
    Subscriber subscriber = subscribe("/ws/simusdt@trade");
    putFaults("{\"droppedStreamMessageRate\": 1.0}");
    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1"));
    long droppedTradeId =
        alice
            .signed("POST", "/api/v3/order", limit("BUY", "100.00", "1"))
            .body()
            .path("fills")
            .get(0)
            .path("tradeId")
            .asLong();

    // The publisher thread may still be handling the dropped trade: wait until it must have.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              JsonNode settings = JSON.readTree(putFaults("{\"droppedStreamMessageRate\": 1.0}"));
              return settings.path("droppedStreamMessageRate").asDouble() == 1.0;
            });
    putFaults("{}");
    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1"));
    long deliveredTradeId =
        alice
            .signed("POST", "/api/v3/order", limit("BUY", "100.00", "1"))
            .body()
            .path("fills")
            .get(0)
            .path("tradeId")
            .asLong();

    assertThat(subscriber.next().path("t").asLong())
        .isEqualTo(deliveredTradeId)
        .isNotEqualTo(droppedTradeId);
  }

  @Test
  void unknownStreamsAreRefused() throws Exception {
    Subscriber subscriber = connect("/ws/nosuchsymbol@trade");

    await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.closed);
  }

  private Subscriber subscribe(String path) throws Exception {
    Subscriber subscriber = connect(path);
    // The server handles messages only after registering the URL's streams: once this answer is
    // in, no event of those streams can be missed.
    sockets.getLast().sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":0}", true).join();
    subscriber.awaitAnswer();
    return subscriber;
  }

  private Subscriber connect(String path) throws Exception {
    Subscriber subscriber = new Subscriber();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + port + path), subscriber)
            .get(5, TimeUnit.SECONDS);
    sockets.add(socket);
    return subscriber;
  }

  private String putFaults(String json) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/faults"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(json))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> limit(String side, String price, String quantity) {
    return params(
        "symbol",
        "SIMUSDT",
        "side",
        side,
        "type",
        "LIMIT",
        "timeInForce",
        "GTC",
        "price",
        price,
        "quantity",
        quantity);
  }

  /** Collects whole text messages as they arrive. */
  private static final class Subscriber implements WebSocket.Listener {
    final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    volatile boolean closed;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed = true;
      return null;
    }

    /** Drops what came before the answer to a request: it predates the test's actions. */
    void awaitAnswer() {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                String message = messages.poll();
                return message != null && message.contains("\"result\"");
              });
    }

    /** The data of the next combined-stream message that {@code wanted} accepts. */
    JsonNode nextData(Duration within, java.util.function.Predicate<JsonNode> wanted) {
      return await()
          .atMost(within)
          .until(
              () -> {
                String message = messages.poll();
                return message == null ? null : JSON.readTree(message).path("data");
              },
              data -> data != null && wanted.test(data));
    }

    JsonNode next() throws Exception {
      String message =
          await().atMost(Duration.ofSeconds(10)).until(messages::poll, java.util.Objects::nonNull);
      return JSON.readTree(message);
    }
  }
}
