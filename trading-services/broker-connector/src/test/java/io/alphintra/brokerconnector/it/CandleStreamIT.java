package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code candle} events on the market-data stream: a subscriber that passes {@code candles=1m} gets
 * the venue's 1m klines normalized, one that does not gets none, and an interval the stream does
 * not carry is refused naming the parameter.
 */
class CandleStreamIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYMBOL = "SIMUSDT";

  private static SimulatedVenue venue;
  private static RunningConnector connector;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    venue = SimulatedVenue.start();
    connector = RunningConnector.start(venue, SYMBOL);
  }

  @AfterAll
  static void stop() {
    connector.close();
    venue.close();
  }

  @Test
  void aSubscriberThatAskedForCandlesGetsTheVenues1mCandlesAndOthersDoNot() {
    Events withCandles = subscribe("?symbols=" + SYMBOL + "&candles=1m");
    Events without = subscribe("?symbols=" + SYMBOL);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> withCandles.count("subscribed") == 1 && without.count("subscribed") == 1);

    assertThat(venue.maker().limit(SYMBOL, "SELL", "GTC", "103.25", "0.5").status()).isEqualTo(200);
    assertThat(venue.connectorAccount().limit(SYMBOL, "BUY", "IOC", "103.25", "0.5").status())
        .isEqualTo(200);

    await("a candle carrying the trade")
        .atMost(Duration.ofSeconds(30))
        .until(() -> withCandles.candleWithClose("103.25") != null && without.count("trade") > 0);
    JsonNode candle = withCandles.candleWithClose("103.25");
    assertThat(candle.path("symbol").asString()).isEqualTo(SYMBOL);
    assertThat(candle.path("interval").asString()).isEqualTo("1m");
    assertThat(candle.path("high").asString()).isEqualTo("103.25");
    assertThat(candle.path("volume").asString()).matches("\\d+\\.\\d{3}");
    assertThat(candle.path("trades").asLong()).isPositive();
    assertThat(candle.path("closeTime").asLong() - candle.path("openTime").asLong())
        .isEqualTo(59_999);
    assertThat(candle.path("receivedAtMicros").asLong()).isPositive();
    assertThat(without.count("candle")).isZero();
    withCandles.close();
    without.close();
  }

  @Test
  void anIntervalTheStreamDoesNotCarryIsRefusedNamingTheParameter() {
    Events refused = subscribe("?symbols=" + SYMBOL + "&candles=5m");

    await().atMost(Duration.ofSeconds(10)).until(() -> refused.closeReason != null);
    assertThat(refused.closeReason).contains("candles=5m", "candles=1m");
  }

  private Events subscribe(String query) {
    Events events = new Events();
    http.newWebSocketBuilder()
        .buildAsync(URI.create(connector.wsUrl("/api/v1/market-data/stream" + query)), events)
        .join();
    return events;
  }

  /** Collects the JSON events one WebSocket receives, and why it was closed. */
  private static final class Events implements WebSocket.Listener {
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile String closeReason;

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(JSON.readTree(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason = reason;
      return null;
    }

    long count(String type) {
      return events.stream().filter(e -> type.equals(e.path("type").asString())).count();
    }

    JsonNode candleWithClose(String close) {
      return events.stream()
          .filter(e -> "candle".equals(e.path("type").asString()))
          .filter(e -> close.equals(e.path("close").asString()))
          .findFirst()
          .orElse(null);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
