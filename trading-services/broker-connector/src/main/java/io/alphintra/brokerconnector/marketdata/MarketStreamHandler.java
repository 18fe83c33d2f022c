package io.alphintra.brokerconnector.marketdata;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code ws://host:8080/api/v1/market-data/stream?symbols=BTCUSDT,ETHUSDT[&candles=1m]}: one
 * WebSocket per consumer, any number of symbols, events as JSON {@link MarketEvent}s ({@code
 * candle} events only with {@code candles=1m}). Each subscriber has its own send queue; one that
 * cannot keep up (a send taking over 5 s, or over 1 Mi characters queued) is disconnected rather
 * than slowing the feed of the others.
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

  private record Subscription(MarketDataSubscriber subscriber, List<String> symbols) {}

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws IOException {
    URI uri = session.getUri();
    MultiValueMap<String, String> query =
        uri == null
            ? new LinkedMultiValueMap<>()
            : UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    String requested = query.getFirst("symbols");
    Set<String> candles = candleIntervals(query.getFirst("candles"));
    if (candles == null) {
      session.close(
          CloseStatus.POLICY_VIOLATION.withReason(
              "candles="
                  + query.getFirst("candles")
                  + " is not streamed; pass candles="
                  + CandleInterval.STREAMED));
      return;
    }
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
    CandleFilter subscriber =
        new CandleFilter(
            new QueuedSubscriber(
                new SessionSink(session),
                SENDERS,
                QUEUE_LIMIT_CHARS,
                SEND_TIME_LIMIT,
                System::nanoTime),
            candles);
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

  /**
   * The candle intervals asked for ({@code candles=1m}); empty when none, null when one cannot be
   * streamed (the upstream carries {@link CandleInterval#STREAMED} candles only).
   */
  static Set<String> candleIntervals(String requested) {
    if (requested == null || requested.isBlank()) {
      return Set.of();
    }
    Set<String> intervals = new HashSet<>();
    for (String interval : requested.split(",")) {
      String trimmed = interval.trim();
      if (!CandleInterval.STREAMED.equals(trimmed)) {
        return null;
      }
      intervals.add(trimmed);
    }
    return Set.copyOf(intervals);
  }

  /** A subscriber that takes candles of the intervals it asked for, and every other event. */
  private record CandleFilter(QueuedSubscriber queue, Set<String> candles)
      implements MarketDataSubscriber {
    @Override
    public boolean deliver(String json) {
      return queue.deliver(json);
    }

    @Override
    public boolean wants(MarketEvent event) {
      return !(event instanceof MarketEvent.Candle candle) || candles.contains(candle.interval());
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
