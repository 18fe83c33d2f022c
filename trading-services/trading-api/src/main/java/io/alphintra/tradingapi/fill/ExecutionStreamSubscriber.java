package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.broker.ConnectorFill;
import io.alphintra.tradingapi.fill.ExecutionStreamPositions.Position;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows one connection's execution stream ({@code /api/v1/executions/stream} of its connector)
 * from the position stored in {@code execution_stream}: each entry is applied (a fill through the
 * exactly-once fill recording, an order state through the order state application) and the position
 * moves in the same transaction, so after a restart or a reconnect it resumes right after the last
 * applied entry. Entries must follow the stored position without a hole; anything else (and a fill
 * whose order is not resolved yet) closes the connection and resumes from the stored position after
 * a back-off. A {@code gap} message (the connector no longer holds what follows the position, or it
 * restarted) is answered by re-reading from REST: the fill feed after {@code fill_cursor} and the
 * open orders' states; then the stream continues where the connector said.
 */
final class ExecutionStreamSubscriber implements WebSocket.Listener {

  private static final Logger log = LoggerFactory.getLogger(ExecutionStreamSubscriber.class);
  static final long FIRST_BACKOFF_MILLIS = 100;
  static final long MAX_BACKOFF_MILLIS = 5_000;

  /** What re-reads a connection's fills and order states from REST after a gap. */
  interface Fallback {
    /** True when every fill and open order state was read and applied. */
    boolean reread(String connection, String reason);
  }

  private final String connection;
  private final URI connector;
  private final ExecutionLedger ledger;
  private final ExecutionStreamPositions positions;
  private final Fallback fallback;
  private final MeterRegistry meters;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledExecutorService reconnects =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("execution-stream").daemon().factory());
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closed;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;

  ExecutionStreamSubscriber(
      String connection,
      URI connector,
      ExecutionLedger ledger,
      ExecutionStreamPositions positions,
      Fallback fallback,
      MeterRegistry meters,
      TransactionTemplate tx,
      JsonMapper json,
      Clock clock) {
    this.connection = connection;
    this.connector = connector;
    this.ledger = ledger;
    this.positions = positions;
    this.fallback = fallback;
    this.meters = meters;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  URI connector() {
    return connector;
  }

  /** Whether a stream connection is open now. */
  boolean connected() {
    return socket != null;
  }

  void start() {
    reconnects.execute(this::connect);
  }

  void stop() {
    closed = true;
    reconnects.shutdownNow();
    WebSocket current = socket;
    socket = null;
    if (current != null) {
      current.abort();
    }
    http.shutdownNow();
  }

  private void connect() {
    if (closed) {
      return;
    }
    URI uri;
    try {
      uri = streamUri(connector, positions.find(connection));
    } catch (RuntimeException e) {
      reconnectLater("reading the stored position failed: " + e);
      return;
    }
    log.debug("Connecting to the execution stream of {}: {}", connection, uri);
    http.newWebSocketBuilder()
        .buildAsync(uri, this)
        .whenComplete(
            (ws, failure) -> {
              if (failure != null) {
                reconnectLater("connect failed: " + failure.getClass().getSimpleName());
              }
            });
  }

  static URI streamUri(URI connector, Optional<Position> position) {
    String base = connector.toString().replaceFirst("^http", "ws").replaceAll("/+$", "");
    return URI.create(
        base
            + "/api/v1/executions/stream"
            + position
                .map(p -> "?stream=" + p.stream() + "&after=" + p.sequence())
                .orElse("?after=0"));
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    if (closed) {
      webSocket.abort();
      return;
    }
    partial.setLength(0);
    socket = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (!last) {
      webSocket.request(1);
      return null;
    }
    String message = partial.toString();
    partial.setLength(0);
    boolean goOn;
    try {
      goOn = handle(json.readTree(message));
    } catch (RuntimeException e) {
      log.warn("Applying an execution of {} failed: {}", connection, e.toString());
      goOn = false;
    }
    if (goOn) {
      webSocket.request(1);
    } else {
      webSocket.abort();
      lost(webSocket, "resuming from the stored position");
    }
    return null;
  }

  /** Applies one message; false when the connection must be resumed from the stored position. */
  private boolean handle(JsonNode message) {
    String type = message.path("type").asString();
    String stream = message.path("stream").asString();
    if ("gap".equals(type)) {
      log.info(
          "The connector of {} cannot replay after the stored position ({}); re-reading fills and"
              + " order states from REST",
          connection,
          message.path("reason").asString());
      if (!fallback.reread(connection, message.path("reason").asString())) {
        return false;
      }
      tx.executeWithoutResult(
          status ->
              positions.store(
                  connection,
                  new Position(stream, message.path("resumeAfter").asLong()),
                  clock.instant()));
      return true;
    }
    if (!"fill".equals(type) && !"order".equals(type)) {
      return true; // a message this version does not know
    }
    long sequence = message.path("sequence").asLong();
    Boolean applied =
        tx.execute(
            status -> {
              Optional<Position> stored = positions.lock(connection);
              if (stored.isPresent()
                  && stored.get().stream().equals(stream)
                  && sequence <= stored.get().sequence()) {
                return true; // applied before (by another subscriber of this connection)
              }
              long expected = stored.map(p -> p.sequence() + 1).orElse(1L);
              if ((stored.isPresent() && !stored.get().stream().equals(stream))
                  || sequence != expected) {
                log.warn(
                    "Execution {} of {} does not follow the stored position {}; resuming",
                    sequence,
                    connection,
                    stored);
                return false;
              }
              if ("fill".equals(type)) {
                ConnectorFill fill = ConnectorClient.fill(message);
                if (ledger.recordTrade(connection, fill)
                    == ExecutionLedger.TradeOutcome.ORDER_NOT_RESOLVED) {
                  status.setRollbackOnly();
                  return false; // the poller resolves the order; this entry comes again
                }
              } else {
                ledger.applyIfNewer(
                    new OrderReport(connection, ConnectorClient.order(message)),
                    ExecutionLedger.VENUE,
                    "venue report (pushed)");
              }
              positions.store(connection, new Position(stream, sequence), clock.instant());
              return true;
            });
    if (Boolean.TRUE.equals(applied)) {
      meters
          .counter("trading_execution_stream_entries_total", "connection", connection, "type", type)
          .increment();
      backoffMillis = FIRST_BACKOFF_MILLIS;
      return true;
    }
    return false;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    lost(webSocket, "closed by the connector (" + statusCode + " " + reason + ")");
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
    }
    reconnectLater(reason);
  }

  private synchronized void reconnectLater(String reason) {
    if (closed || reconnects.isShutdown()) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    log.debug("Execution stream of {} lost ({}); reconnecting in {} ms", connection, reason, delay);
    reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }
}
