package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.fill.Fill;
import io.alphintra.brokerconnector.fill.FillJournal;
import io.alphintra.brokerconnector.order.FeedContinuity;
import io.alphintra.brokerconnector.order.OrderRegistry;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.VenueClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Follows the account's executions on the venue's WebSocket API ({@code
 * userDataStream.subscribe.signature}) into the {@link FillJournal}. After every (re)connect it
 * recovers what it missed from {@code myTrades?fromId=<last held trade id + 1>} per symbol; the
 * journal deduplicates by trade id, so each fill is held once whichever path brought it. Every
 * {@code executionReport} also updates the order registry ({@link ExecutionReports}), and order
 * states missed in a gap are re-read from {@code allOrders} ({@link OrderStateRecovery}).
 *
 * <p>A connection can die silently (no close, no reset: a stalled NAT or proxy). The feed pings the
 * venue every third of {@code alphintra.broker.user-data-idle-timeout} and counts any frame (text,
 * ping, pong) as a sign of life; a connection silent for the whole timeout is dropped and handled
 * as any lost connection: the stretch ends, it reconnects and recovers.
 */
@Component
class UserDataFeed implements WebSocket.Listener, InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(UserDataFeed.class);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final int TRADES_PAGE = 1000;

  private final BinanceRestClient rest;
  private final FillJournal journal;
  private final ExecutionReports executionReports;
  private final OrderStateRecovery orderStates;
  private final OrderRegistry registry;
  private final FeedContinuity continuity;
  private final ObjectMapper json;
  private final VenueClock clock;
  private final BinanceSigner signer;
  private final String apiKey;
  private final boolean enabled;
  private final List<String> symbols;
  private final URI uri;
  private final HttpClient client;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("user-data-feed").daemon().unstarted(runnable));
  private final AtomicLong requestIds = new AtomicLong();
  private final StringBuilder partial = new StringBuilder();
  private final FeedLiveness liveness;
  private volatile WebSocket socket;
  private volatile boolean closed;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;

  UserDataFeed(
      BinanceRestClient rest,
      FillJournal journal,
      ExecutionReports executionReports,
      OrderStateRecovery orderStates,
      OrderRegistry registry,
      FeedContinuity continuity,
      ObjectMapper json,
      VenueClock clock,
      BrokerProperties properties,
      @Value("${alphintra.broker.user-data-endpoint:}") String userDataEndpoint,
      @Value("${alphintra.broker.user-data-idle-timeout:30s}") Duration idleTimeout) {
    this.rest = rest;
    this.journal = journal;
    this.executionReports = executionReports;
    this.orderStates = orderStates;
    this.registry = registry;
    this.continuity = continuity;
    this.json = json;
    this.clock = clock;
    this.signer = new BinanceSigner(properties.secretKey());
    this.apiKey = properties.apiKey();
    this.enabled = properties.hasCredentials() && !properties.symbols().isEmpty();
    this.symbols = properties.symbols();
    this.uri =
        userDataEndpoint.isBlank()
            ? URI.create(properties.streamBase() + "/ws-api/v3")
            : URI.create(userDataEndpoint.trim());
    this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    this.liveness =
        new FeedLiveness(
            FeedLiveness.checked("alphintra.broker.user-data-idle-timeout", idleTimeout));
  }

  @Override
  public void afterPropertiesSet() {
    if (enabled) {
      worker.execute(this::connect);
      liveness.schedule(worker, this::checkLiveness);
    }
  }

  /**
   * Drops the connection when no frame arrived for the idle timeout; otherwise pings, so a live
   * venue answers a pong even when it has nothing to push.
   */
  private void checkLiveness() {
    WebSocket current = socket;
    if (current == null) {
      return;
    }
    long silentMillis = liveness.silentFor(current);
    if (silentMillis >= 0) {
      log.warn(
          "User-data feed silent for {} ms (idle timeout {}); dropping the connection",
          silentMillis,
          liveness.idleTimeout());
      current.abort();
      lost(current, "silent for " + liveness.idleTimeout());
    }
  }

  private void alive() {
    liveness.alive();
  }

  /** Whether the feed is subscribed now. */
  boolean connected() {
    return socket != null;
  }

  /** Cuts the current connection as a network failure would (tests and operations). */
  void interrupt() {
    WebSocket current = socket;
    if (current != null) {
      current.abort();
      lost(current, "interrupted");
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    client
        .newWebSocketBuilder()
        // A venue that accepts the connection but never answers the handshake is retried too.
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
    webSocket.sendText(subscribeRequest(), true);
    webSocket.request(1);
  }

  /**
   * The signed subscription: HMAC of the other params sorted by name, as the WebSocket API wants.
   */
  private String subscribeRequest() {
    Map<String, String> params = new TreeMap<>();
    params.put("apiKey", apiKey);
    params.put("timestamp", Long.toString(clock.now()));
    String payload =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&"));
    var request = json.createObjectNode();
    request.put("id", "subscribe-" + requestIds.incrementAndGet());
    request.put("method", "userDataStream.subscribe.signature");
    var body = request.putObject("params");
    params.forEach(body::put);
    body.put("signature", signer.sign(payload));
    return request.toString();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    alive();
    partial.append(data);
    if (last) {
      String message = partial.toString();
      partial.setLength(0);
      try {
        handle(webSocket, json.readTree(message));
      } catch (RuntimeException e) {
        // One malformed message must not kill the feed; recovery fills any fill it carried.
        log.warn("Ignored an unreadable user-data message: {}", e.getClass().getSimpleName());
      }
    }
    webSocket.request(1);
    return null;
  }

  private void handle(WebSocket webSocket, JsonNode message) {
    if (message.has("status")) {
      if (message.path("status").asInt() == 200) {
        backoffMillis = FIRST_BACKOFF_MILLIS;
        synchronized (this) {
          if (socket == webSocket) {
            continuity.subscribed(); // every change from now on is pushed
          }
        }
        // Subscribed: everything from now on arrives here, so recover what came before.
        worker.execute(() -> recover(webSocket));
      } else {
        log.warn(
            "The venue refused the user-data subscription: {} {}",
            message.path("error").path("code").asInt(),
            message.path("error").path("msg").asString());
        webSocket.abort();
        lost(webSocket, "subscription refused");
      }
      return;
    }
    JsonNode event = message.path("event");
    if ("executionReport".equals(event.path("e").asString())) {
      // Order updates: the registry knows fills, cancels and expiries without polling.
      executionReports.follow(event);
    }
    if ("executionReport".equals(event.path("e").asString())
        && "TRADE".equals(event.path("x").asString())) {
      journal.record(
          new Fill(
              event.path("s").asString(),
              event.path("t").asLong(),
              event.path("i").asLong(),
              ExecutionReports.clientOrderId(event),
              event.path("S").asString(),
              new BigDecimal(event.path("L").asString()),
              new BigDecimal(event.path("l").asString()),
              new BigDecimal(event.path("n").asString("0")),
              event.path("N").isNull() ? null : event.path("N").asString(),
              event.path("m").asBoolean(),
              event.path("T").asLong()));
    }
  }

  private void recover(WebSocket subscribed) {
    try {
      for (String symbol : symbols) {
        if (socket != subscribed) {
          return;
        }
        recover(symbol, subscribed);
      }
    } catch (RuntimeException e) {
      log.warn("Recovering missed fills failed ({}); reconnecting", e.getClass().getSimpleName());
      subscribed.abort();
      lost(subscribed, "recovery failed");
    }
  }

  private void recover(String symbol, WebSocket subscribed) {
    boolean first = journal.neverComplete(symbol);
    long completeFrom = 0;
    if (first) {
      // A fresh connector starts from the newest page the venue keeps.
      List<Fill> newest = trades(symbol, null);
      newest.forEach(journal::record);
      if (newest.size() >= TRADES_PAGE) {
        completeFrom = newest.getFirst().tradeId();
      }
    }
    List<Fill> page;
    do {
      page = trades(symbol, journal.lastTradeId(symbol) + 1);
      page.forEach(journal::record);
    } while (page.size() >= TRADES_PAGE);
    orderStates.recover(symbol); // order updates missed in the gap, from allOrders
    synchronized (this) {
      // A connection lost meanwhile reopened the gap; its own recovery closes it.
      if (socket == subscribed) {
        journal.gapClosed(symbol, completeFrom);
      }
    }
  }

  private List<Fill> trades(String symbol, Long fromId) {
    Map<String, String> params = new TreeMap<>();
    params.put("symbol", symbol);
    params.put("limit", Integer.toString(TRADES_PAGE));
    if (fromId != null) {
      params.put("fromId", Long.toString(fromId));
    }
    JsonNode rows = rest.signed("GET", "/api/v3/myTrades", params, 20, false);
    return rows.valueStream()
        .map(
            row ->
                new Fill(
                    symbol,
                    row.path("id").asLong(),
                    row.path("orderId").asLong(),
                    // myTrades does not name the client id; the registry knows our own orders'.
                    registry
                        .findByVenueOrderId(row.path("orderId").asLong())
                        .map(order -> order.latest().clientOrderId())
                        .orElse(null),
                    row.path("isBuyer").asBoolean() ? "BUY" : "SELL",
                    new BigDecimal(row.path("price").asString()),
                    new BigDecimal(row.path("qty").asString()),
                    new BigDecimal(row.path("commission").asString("0")),
                    row.path("commissionAsset").asString(null),
                    row.path("isMaker").asBoolean(),
                    row.path("time").asLong()))
        .toList();
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

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    lost(webSocket, "closed by the venue (" + statusCode + ")");
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    lost(webSocket, error.getClass().getSimpleName());
  }

  private void lost(WebSocket webSocket, String reason) {
    synchronized (this) {
      if (socket != webSocket) {
        return;
      }
      socket = null;
      continuity.lost();
      symbols.forEach(journal::gapOpened);
    }
    if (!closed) {
      log.info("User-data feed lost ({}); reconnecting", reason);
      scheduleReconnect(reason);
    }
  }

  private synchronized void scheduleReconnect(String reason) {
    if (closed || worker.isShutdown()) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    worker.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    closed = true;
    worker.shutdownNow();
    WebSocket current = socket;
    socket = null;
    continuity.lost();
    if (current != null) {
      current.sendClose(WebSocket.NORMAL_CLOSURE, "stopping").exceptionally(e -> null);
      CompletableFuture.runAsync(
          current::abort, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    }
  }
}
