package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.marketdata.MarketDataSource;
import io.alphintra.brokerconnector.marketdata.MarketEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One Binance combined stream ({@code <symbol>@trade} + {@code <symbol>@depth@100ms}) that
 * reconnects with capped exponential backoff and tells its listener about every (re)connection, so
 * subscribers can be told about the gap. The stream names are in the URL, so reconnecting is
 * resubscribing.
 *
 * <p>A connection can die without a close or a reset reaching the connector (a stalled NAT or
 * proxy, a lost RST). The feed pings the venue every third of {@code
 * alphintra.broker.market-data-idle-timeout} and counts any frame (text, ping, pong) as a sign of
 * life; a connection silent for the whole timeout is dropped and reconnected like a closed one.
 */
final class BinanceStreamFeed implements MarketDataSource.UpstreamFeed, WebSocket.Listener {

  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final HttpClient client;
  private final URI uri;
  private final ObjectMapper json;
  private final MarketDataSource.UpstreamListener listener;
  private final ScheduledExecutorService reconnects;
  private final BinanceMarketData decimals;
  private final FeedLiveness liveness;
  private final ScheduledFuture<?> checks;
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closed;
  private volatile boolean everConnected;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;

  BinanceStreamFeed(
      HttpClient client,
      URI uri,
      ObjectMapper json,
      MarketDataSource.UpstreamListener listener,
      ScheduledExecutorService reconnects,
      BinanceMarketData decimals,
      FeedLiveness liveness) {
    this.decimals = decimals;
    this.client = client;
    this.uri = uri;
    this.json = json;
    this.listener = listener;
    this.reconnects = reconnects;
    this.liveness = liveness;
    this.checks = liveness.schedule(reconnects, this::checkLiveness);
  }

  /**
   * Drops the connection when no frame arrived for the idle timeout; otherwise pings, so a live
   * venue answers a pong even when the market is quiet.
   */
  private void checkLiveness() {
    WebSocket current = socket;
    if (current == null || closed) {
      return;
    }
    if (liveness.silentFor(current) >= 0) {
      current.abort();
      lost(current, "silent for " + liveness.idleTimeout());
    }
  }

  private void alive() {
    liveness.alive();
  }

  void connect() {
    if (closed) {
      return;
    }
    client
        .newWebSocketBuilder()
        // A handshake the venue never answers fails too, and is retried.
        .connectTimeout(liveness.idleTimeout())
        .buildAsync(uri, this)
        .whenComplete(
            (ws, failure) -> {
              if (failure != null) {
                scheduleReconnect("connect failed: " + failure.getClass().getSimpleName());
              }
            });
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (closed) {
      webSocket.abort();
      return;
    }
    // A message the previous connection cut off half way must not prefix this one's first.
    partial.setLength(0);
    alive();
    socket = webSocket;
    backoffMillis = FIRST_BACKOFF_MILLIS;
    boolean reconnect = everConnected;
    everConnected = true;
    listener.onConnected(reconnect);
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    alive();
    partial.append(data);
    if (last) {
      long receivedAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      String message = partial.toString();
      partial.setLength(0);
      try {
        MarketEvent event = toEvent(json.readTree(message).path("data"), receivedAt);
        if (event != null) {
          listener.onEvent(event);
        }
      } catch (RuntimeException e) {
        // One malformed message must not kill the feed.
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    lost(webSocket, "closed by the venue (" + statusCode + ")");
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    lost(webSocket, error.getClass().getSimpleName());
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    alive();
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    alive(); // the JDK answers the venue's ping with a pong itself
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    alive();
    webSocket.request(1);
    return null;
  }

  private void lost(WebSocket webSocket, String reason) {
    synchronized (this) {
      // Each connection is lost once, however many callbacks report it.
      if (socket != webSocket) {
        return;
      }
      socket = null;
    }
    if (!closed) {
      listener.onDisconnected(reason);
      scheduleReconnect(reason);
    }
  }

  private synchronized void scheduleReconnect(String reason) {
    if (closed || reconnects.isShutdown()) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean connected() {
    return socket != null;
  }

  @Override
  public void interrupt() {
    WebSocket current = socket;
    if (current != null) {
      current.abort();
      lost(current, "interrupted");
    }
  }

  @Override
  public void close() {
    closed = true;
    checks.cancel(false);
    WebSocket current = socket;
    socket = null;
    if (current != null) {
      current.sendClose(WebSocket.NORMAL_CLOSURE, "unsubscribed").exceptionally(e -> null);
      CompletableFuture.runAsync(
          current::abort, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    }
  }

  private MarketEvent toEvent(JsonNode data, long receivedAt) {
    String symbol = data.path("s").asString();
    return switch (data.path("e").asString()) {
      case "trade" ->
          new MarketEvent.Trade(
              symbol,
              data.path("t").asLong(),
              decimals.price(symbol, data.path("p").asString()),
              decimals.quantity(symbol, data.path("q").asString()),
              data.path("T").asLong(),
              data.path("m").asBoolean(),
              receivedAt);
      case "depthUpdate" ->
          new MarketEvent.BookUpdate(
              symbol,
              data.path("U").asLong(),
              data.path("u").asLong(),
              decimals.levels(symbol, data.path("b")),
              decimals.levels(symbol, data.path("a")),
              data.path("E").asLong(),
              receivedAt);
      case "kline" -> decimals.candle(data, receivedAt);
      default -> null;
    };
  }
}
