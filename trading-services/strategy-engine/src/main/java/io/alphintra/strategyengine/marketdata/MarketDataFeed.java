package io.alphintra.strategyengine.marketdata;

import io.alphintra.strategyengine.marketdata.OrderBook.Level;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The connector's market-data stream for the strategy's symbols: one WebSocket, re-opened with
 * exponential backoff whenever it closes; order books seeded from the connector's snapshot
 * endpoint, updated from the stream and re-fetched after every gap (and every reconnect).
 */
public final class MarketDataFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MarketDataFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI connector;
  private final List<String> symbols;
  private final MarketListener listener;
  private final Duration reconnectMin;
  private final Duration reconnectMax;
  private final Duration requestTimeout;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("market-data").factory());
  private final Map<String, OrderBook> books = new ConcurrentHashMap<>();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong snapshots = new AtomicLong();
  private volatile Duration backoff;
  private volatile WebSocket socket;
  private volatile boolean closed;
  private volatile Instant lastEventAt;

  public MarketDataFeed(
      String connectorUrl,
      List<String> symbols,
      MarketListener listener,
      Duration reconnectMin,
      Duration reconnectMax,
      Duration requestTimeout) {
    this.connector = URI.create(connectorUrl.endsWith("/") ? connectorUrl : connectorUrl + "/");
    this.symbols = List.copyOf(symbols);
    this.listener = listener;
    this.reconnectMin = reconnectMin;
    this.reconnectMax = reconnectMax;
    this.requestTimeout = requestTimeout;
    this.backoff = reconnectMin;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    symbols.forEach(symbol -> books.put(symbol, new OrderBook()));
  }

  /** Opens the stream (asynchronously; failures are retried). */
  public void start() {
    scheduler.execute(this::connect);
  }

  public OrderBook book(String symbol) {
    return books.get(symbol);
  }

  public boolean connected() {
    WebSocket current = socket;
    return current != null && !current.isInputClosed();
  }

  /** When the last event arrived, or null. */
  public Instant lastEventAt() {
    return lastEventAt;
  }

  /** Times the stream was re-opened (or an attempt was scheduled) after it closed or failed. */
  public long reconnects() {
    return reconnects.get();
  }

  /** Order book snapshots fetched (at every open and after every gap). */
  public long snapshots() {
    return snapshots.get();
  }

  /** {@code ws://host:port/api/v1/market-data/stream?symbols=A,B} from the connector's URL. */
  URI streamUri() {
    String scheme = connector.getScheme().equals("https") ? "wss" : "ws";
    return URI.create(
        scheme
            + "://"
            + connector.getRawAuthority()
            + "/api/v1/market-data/stream?symbols="
            + String.join(",", symbols));
  }

  private void connect() {
    if (closed) {
      return;
    }
    http.newWebSocketBuilder()
        .connectTimeout(requestTimeout)
        .buildAsync(streamUri(), new Listener())
        .whenComplete(
            (webSocket, failure) -> {
              if (failure != null) {
                log.warn("market-data stream {} not open: {}", streamUri(), failure.toString());
                scheduleReconnect();
              } else {
                socket = webSocket;
                symbols.forEach(this::refetchBook);
              }
            });
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    Duration wait = backoff;
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(reconnectMax) > 0 ? reconnectMax : doubled;
    reconnects.incrementAndGet();
    scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Fetches a fresh snapshot in the background; updates up to it are skipped when they arrive. */
  private void refetchBook(String symbol) {
    OrderBook book = books.get(symbol);
    book.invalidate();
    Thread.ofVirtual()
        .name("book-" + symbol)
        .start(
            () -> {
              try {
                HttpResponse<String> response =
                    http.send(
                        HttpRequest.newBuilder(
                                connector.resolve("api/v1/market-data/" + symbol + "/book"))
                            .timeout(requestTimeout)
                            .GET()
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                  throw new IOException("book answered " + response.statusCode());
                }
                JsonNode snapshot = JSON.readTree(response.body());
                book.replace(
                    snapshot.path("lastUpdateId").asLong(),
                    levels(snapshot.path("bids")),
                    levels(snapshot.path("asks")));
                snapshots.incrementAndGet();
                listener.onBook(symbol);
              } catch (IOException | JacksonException e) {
                log.warn("order book of {} not fetched, retrying: {}", symbol, e.toString());
                if (!closed) {
                  scheduler.schedule(() -> refetchBook(symbol), 1, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  private void onEvent(JsonNode event) {
    lastEventAt = Instant.now();
    backoff = reconnectMin;
    String symbol = event.path("symbol").asString("");
    switch (event.path("type").asString("")) {
      case "trade" ->
          listener.onTrade(
              symbol,
              new BigDecimal(event.path("price").asString()),
              new BigDecimal(event.path("quantity").asString()),
              event.path("tradeTime").asLong());
      case "book" -> {
        OrderBook book = books.get(symbol);
        if (book != null
            && book.apply(
                event.path("lastUpdateId").asLong(),
                levels(event.path("bids")),
                levels(event.path("asks")))) {
          listener.onBook(symbol);
        }
      }
      case "gap" -> {
        log.info("market-data gap on {} ({}): re-fetching the book", symbol, event.path("reason"));
        if (books.containsKey(symbol)) {
          refetchBook(symbol);
        }
      }
      default -> {
        // "subscribed" and anything newer: nothing to do.
      }
    }
  }

  private static List<Level> levels(JsonNode array) {
    List<Level> levels = new ArrayList<>();
    for (JsonNode level : array) {
      levels.add(
          new Level(
              new BigDecimal(level.path("price").asString()),
              new BigDecimal(level.path("quantity").asString())));
    }
    return levels;
  }

  @Override
  public void close() {
    closed = true;
    WebSocket current = socket;
    if (current != null) {
      current.abort();
    }
    scheduler.shutdownNow();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      log.info("market-data stream open: {}", streamUri());
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onEvent(JSON.readTree(text));
        } catch (RuntimeException e) {
          log.warn("market-data event not understood: {}", e.toString());
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      log.warn("market-data stream closed ({} {}): reconnecting", statusCode, reason);
      scheduleReconnect();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      log.warn("market-data stream failed: {}", error.toString());
      scheduleReconnect();
    }
  }
}
