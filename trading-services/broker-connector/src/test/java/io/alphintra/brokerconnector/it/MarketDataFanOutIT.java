package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 100 subscribers share one upstream feed; a real network cut between connector and venue makes the
 * connector reconnect, resubscribe and tell every subscriber about the gap.
 */
class MarketDataFanOutIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SUBSCRIBERS = 100;

  @Test
  void hundredSubscribersShareOneUpstreamAndAllLearnOfTheGapAfterAForcedDisconnect()
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<Subscriber> subscribers = new ArrayList<>();
    try (SimulatedVenue venue = SimulatedVenue.start();
        TcpProxy proxy = new TcpProxy(venue.port());
        // The cut resets the connection; were the reset lost, silence would find it.
        RunningConnector connector = startBehind(proxy, venue, "3s")) {
      for (int i = 0; i < SUBSCRIBERS; i++) {
        Subscriber subscriber = new Subscriber();
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create(connector.wsUrl("/api/v1/market-data/stream?symbols=BTCUSDT")),
                subscriber)
            .join();
        subscribers.add(subscriber);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> subscribers.stream().allMatch(s -> s.count("trade", "book") > 0));
      assertThat(proxy.connectionsAccepted()).as("upstream connections").isEqualTo(1);
      assertThat(connector.metric("broker_marketdata_upstreams")).isEqualTo(1.0);
      assertThat(connector.metric("broker_marketdata_subscribers")).isEqualTo(SUBSCRIBERS);
      JsonNode trade = subscribers.getFirst().first("trade");
      assertThat(trade.path("symbol").asString()).isEqualTo("BTCUSDT");
      assertThat(trade.path("price").asString()).matches("\\d+\\.\\d{2}");
      assertThat(trade.path("receivedAtMicros").asLong()).isPositive();

      proxy.dropAll();

      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> subscribers.stream().allMatch(Subscriber::eventsAfterGap));
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(afterGapReport(subscribers, proxy, connector), e);
      }
      assertThat(proxy.connectionsAccepted()).as("one reconnect, still one feed").isEqualTo(2);
      assertThat(connector.metric("broker_marketdata_upstreams")).isEqualTo(1.0);
      for (Subscriber subscriber : subscribers) {
        JsonNode gap = subscriber.first("gap");
        assertThat(gap.path("reason").asString()).isEqualTo("UPSTREAM_RECONNECTED");
        assertThat(gap.path("detail").asString()).contains("re-fetch the order book snapshot");
        assertThat(subscriber.socket.isInputClosed()).isFalse();
      }
      assertThat(
              connector.metric("broker_marketdata_gaps_total", "reason=\"UPSTREAM_RECONNECTED\""))
          .isEqualTo(1.0);
      subscribers.forEach(s -> s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> connector.metric("broker_marketdata_upstreams") == 0.0);
    }
  }

  @Test
  void anUpstreamThatFallsSilentWithoutClosingIsDroppedAfterTheIdleTimeoutAndResubscribed()
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (SimulatedVenue venue = SimulatedVenue.start();
        TcpProxy proxy = new TcpProxy(venue.port());
        RunningConnector connector = startBehind(proxy, venue, "2s")) {
      Subscriber subscriber = new Subscriber();
      http.newWebSocketBuilder()
          .buildAsync(
              URI.create(connector.wsUrl("/api/v1/market-data/stream?symbols=BTCUSDT")), subscriber)
          .join();
      await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.count("trade", "book") > 0);

      // Nothing is closed or reset: only the missing frames and pongs tell.
      proxy.stallForwarding();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> proxy.connectionsAccepted() >= 2);
      proxy.resumeForwarding();

      await().atMost(Duration.ofSeconds(30)).until(subscriber::eventsAfterGap);
      assertThat(subscriber.events)
          .filteredOn(e -> e.path("type").asString().equals("gap"))
          .extracting(e -> e.path("reason").asString())
          .contains("UPSTREAM_RECONNECTED");
      assertThat(subscriber.socket.isInputClosed()).isFalse();
      assertThat(connector.metric("broker_marketdata_upstreams")).isEqualTo(1.0);
    }
  }

  /** A connector whose market-data feed reaches {@code venue} through {@code proxy}. */
  private static RunningConnector startBehind(
      TcpProxy proxy, SimulatedVenue venue, String marketDataIdleTimeout) {
    return RunningConnector.start(
        venue,
        "BTCUSDT",
        "alphintra.broker.stream-endpoint=ws://localhost:" + proxy.port(),
        // The user-data feed is its own connection; only market-data upstreams are counted.
        "alphintra.broker.user-data-endpoint=ws://localhost:" + venue.port() + "/ws-api/v3",
        "alphintra.broker.market-data-idle-timeout=" + marketDataIdleTimeout);
  }

  /** What a failed wait needs to tell a stuck feed from a stuck or dropped subscriber. */
  private static String afterGapReport(
      List<Subscriber> subscribers, TcpProxy proxy, RunningConnector connector) {
    StringBuilder report = new StringBuilder("not every subscriber saw events after the gap:");
    report
        .append("\n  upstream connections accepted: ")
        .append(proxy.connectionsAccepted())
        .append(", upstreams: ")
        .append(connector.metric("broker_marketdata_upstreams"))
        .append(", subscribers: ")
        .append(connector.metric("broker_marketdata_subscribers"));
    for (int i = 0; i < subscribers.size(); i++) {
      Subscriber subscriber = subscribers.get(i);
      if (!subscriber.eventsAfterGap()) {
        report
            .append("\n  subscriber ")
            .append(i)
            .append(": events ")
            .append(subscriber.events.size())
            .append(", gaps ")
            .append(subscriber.count("gap"))
            .append(", input closed ")
            .append(subscriber.socket.isInputClosed());
      }
    }
    Thread.getAllStackTraces()
        .forEach(
            (thread, stack) -> {
              if (thread.getName().startsWith("HttpClient")) {
                report.append("\n  thread ").append(thread.getName());
                for (StackTraceElement frame : stack) {
                  report.append("\n    at ").append(frame);
                }
              }
            });
    return report.toString();
  }

  /** Collects the JSON events one WebSocket receives. */
  private static final class Subscriber implements WebSocket.Listener {
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          events.add(JSON.readTree(partial.toString()));
        } catch (tools.jackson.core.JacksonException e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    long count(String... types) {
      List<String> wanted = List.of(types);
      return events.stream().filter(e -> wanted.contains(e.path("type").asString())).count();
    }

    JsonNode first(String type) {
      return events.stream()
          .filter(e -> type.equals(e.path("type").asString()))
          .findFirst()
          .orElseThrow();
    }

    boolean eventsAfterGap() {
      boolean gapSeen = false;
      for (JsonNode event : events) {
        String type = event.path("type").asString();
        if (type.equals("gap")) {
          gapSeen = true;
        } else if (gapSeen && (type.equals("trade") || type.equals("book"))) {
          return true;
        }
      }
      return false;
    }
  }
}
