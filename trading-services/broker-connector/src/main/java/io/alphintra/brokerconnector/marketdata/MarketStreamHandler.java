package io.alphintra.brokerconnector.marketdata;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code ws://host:8080/api/v1/market-data/stream?symbols=BTCUSDT,ETHUSDT}: one WebSocket per
 * consumer, any number of symbols, events as JSON {@link MarketEvent}s. Each subscriber has its own
 * send queue; one that cannot keep up (a send taking over 5 s, or over 1 Mi characters queued) is
 * disconnected rather than slowing the feed of the others.
 */
class MarketStreamHandler extends TextWebSocketHandler {

  private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(5);
  private static final long QUEUE_LIMIT_CHARS = 1 << 20;

  /** Each subscriber's queue is drained by a virtual thread of its own while it has messages. */
  private static final Executor SENDERS =
      task -> Thread.ofVirtual().name("market-data-send").start(task);

  private final MarketDataHub hub;
  private final List<String> allowedSymbols;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

  MarketStreamHandler(MarketDataHub hub, List<String> allowedSymbols) {
    this.hub = hub;
    this.allowedSymbols = allowedSymbols;
  }

  private record Subscription(QueuedSubscriber subscriber, List<String> symbols) {}

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws IOException {
    URI uri = session.getUri();
    String requested =
        uri == null
            ? null
            : UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("symbols");
    List<String> symbols =
        requested == null
            ? List.of()
            : Arrays.stream(requested.split(","))
                .map(s -> s.trim().toUpperCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
    List<String> unknown =
        symbols.stream()
            .filter(s -> !allowedSymbols.isEmpty() && !allowedSymbols.contains(s))
            .toList();
    if (symbols.isEmpty() || !unknown.isEmpty()) {
      session.close(
          CloseStatus.POLICY_VIOLATION.withReason(
              "Pass ?symbols= with configured symbols " + allowedSymbols));
      return;
    }
    QueuedSubscriber subscriber =
        new QueuedSubscriber(
            new SessionSink(session),
            SENDERS,
            QUEUE_LIMIT_CHARS,
            SEND_TIME_LIMIT,
            System::nanoTime);
    subscriptions.put(session.getId(), new Subscription(subscriber, symbols));
    symbols.forEach(symbol -> hub.subscribe(symbol, subscriber));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    Subscription subscription = subscriptions.remove(session.getId());
    if (subscription != null) {
      subscription.symbols().forEach(symbol -> hub.unsubscribe(symbol, subscription.subscriber()));
    }
  }

  /** A subscriber's WebSocket session as the destination of its queue. */
  private record SessionSink(WebSocketSession session) implements QueuedSubscriber.Sink {
    @Override
    public void send(String json) throws IOException {
      session.sendMessage(new TextMessage(json));
    }

    @Override
    public boolean isOpen() {
      return session.isOpen();
    }

    @Override
    public void closeTooSlow() {
      try {
        session.close(CloseStatus.SESSION_NOT_RELIABLE);
      } catch (IOException | RuntimeException ignored) {
        // already gone
      }
    }
  }
}
