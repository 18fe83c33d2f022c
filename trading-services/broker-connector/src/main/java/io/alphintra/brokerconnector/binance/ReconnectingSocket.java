package io.alphintra.brokerconnector.binance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket to the venue that reconnects with capped exponential backoff: the connection
 * mechanics both venue feeds share (market streams, user data). A subclass says what to do once a
 * connection opens, with each whole text message, and when a connection is lost; it calls {@link
 * #resetBackoff()} once a connection has proven itself.
 */
abstract class ReconnectingSocket implements WebSocket.Listener {

  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final HttpClient client;
  private final URI uri;
  private final ScheduledExecutorService reconnects;
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket socket;
  private volatile boolean closed;
  private long backoffMillis = FIRST_BACKOFF_MILLIS;

  ReconnectingSocket(HttpClient client, URI uri, ScheduledExecutorService reconnects) {
    this.client = client;
    this.uri = uri;
    this.reconnects = reconnects;
  }

  /** A connection is open; {@code webSocket} is now {@link #current()}. */
  abstract void opened(WebSocket webSocket);

  /** One whole text message of {@code webSocket}. */
  abstract void message(WebSocket webSocket, String text);

  /**
   * {@code webSocket} was the current connection and is lost; called once per connection, under
   * this object's lock, before a reconnect is scheduled.
   */
  abstract void lostUnderLock(WebSocket webSocket);

  /** {@code webSocket} was lost for {@code reason}, and a reconnect is about to be scheduled. */
  abstract void lost(String reason);

  final void connect() {
    if (closed) {
      return;
    }
    client
        .newWebSocketBuilder()
        .buildAsync(uri, this)
        .whenComplete(
            (ws, failure) -> {
              if (failure != null) {
                scheduleReconnect();
              }
            });
  }

  /** The open connection, or null. */
  final WebSocket current() {
    return socket;
  }

  final synchronized void resetBackoff() {
    backoffMillis = FIRST_BACKOFF_MILLIS;
  }

  /** Whether the feed is connected now. */
  public boolean connected() {
    return socket != null;
  }

  /** Cuts the current connection as a network failure would (tests and operations). */
  public void interrupt() {
    WebSocket current = socket;
    if (current != null) {
      drop(current, "interrupted");
    }
  }

  /** Aborts {@code webSocket} and treats it as lost for {@code reason}. */
  final void drop(WebSocket webSocket, String reason) {
    webSocket.abort();
    connectionLost(webSocket, reason);
  }

  /** Stops reconnecting and closes the current connection politely, then for sure. */
  final void closeSocket(String reason) {
    closed = true;
    WebSocket current = socket;
    socket = null;
    if (current != null) {
      current.sendClose(WebSocket.NORMAL_CLOSURE, reason).exceptionally(e -> null);
      CompletableFuture.runAsync(
          current::abort, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    }
  }

  @Override
  public final void onOpen(WebSocket webSocket) {
    if (closed) {
      webSocket.abort();
      return;
    }
    socket = webSocket;
    opened(webSocket);
    webSocket.request(1);
  }

  @Override
  public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      message(webSocket, text);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public final CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    webSocket.request(1);
    return null;
  }

  @Override
  public final CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    connectionLost(webSocket, "closed by the venue (" + statusCode + ")");
    return null;
  }

  @Override
  public final void onError(WebSocket webSocket, Throwable error) {
    connectionLost(webSocket, error.getClass().getSimpleName());
  }

  private void connectionLost(WebSocket webSocket, String reason) {
    synchronized (this) {
      // Each connection is lost once, however many callbacks report it.
      if (socket != webSocket) {
        return;
      }
      socket = null;
      lostUnderLock(webSocket);
    }
    if (!closed) {
      lost(reason);
      scheduleReconnect();
    }
  }

  private synchronized void scheduleReconnect() {
    if (closed || reconnects.isShutdown()) {
      return;
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }
}
