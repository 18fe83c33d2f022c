package io.alphintra.brokersimulator.api;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A WebSocket client for the tests on the JDK's {@link WebSocket}: collects whole text messages,
 * counts the server's pings (the JDK answers them with pongs) and records the close.
 */
final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final List<JsonNode> backlog = new ArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final AtomicInteger pings = new AtomicInteger();
  private final WebSocket socket;
  private volatile Integer closeCode;

  private WebSocketTestClient(int port, String path) throws Exception {
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://localhost:" + port + path), this)
            .get(5, TimeUnit.SECONDS);
  }

  static WebSocketTestClient connect(int port, String path) throws Exception {
    return new WebSocketTestClient(port, path);
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  /**
   * Sends unless the connection's output is already closed (the server's close frame arrived, which
   * the JDK client answers by closing its output): false then, for tests that send until the server
   * hangs up.
   */
  boolean sendUnlessClosed(String text) {
    try {
      socket.sendText(text, true).join();
      return true;
    } catch (CompletionException e) {
      if (socket.isOutputClosed()) {
        return false;
      }
      throw e;
    }
  }

  /** The next message, parsed; messages skipped by {@link #next(Predicate)} come first. */
  JsonNode next() throws InterruptedException {
    if (!backlog.isEmpty()) {
      return backlog.remove(0);
    }
    String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no message within " + WAIT);
    }
    return JSON.readTree(message);
  }

  /**
   * The first message that matches, e.g. the event of a given trade; the others stay for later
   * calls, so a response and an event can arrive in either order.
   */
  JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
    for (int i = 0; i < backlog.size(); i++) {
      if (wanted.test(backlog.get(i))) {
        return backlog.remove(i);
      }
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String message = messages.poll(100, TimeUnit.MILLISECONDS);
      if (message == null) {
        continue;
      }
      JsonNode node = JSON.readTree(message);
      if (wanted.test(node)) {
        return node;
      }
      backlog.add(node);
    }
    throw new AssertionError(
        "no matching message within "
            + WAIT
            + "; first others: "
            + backlog.subList(0, Math.min(10, backlog.size())));
  }

  /** Sends a request and returns the next message: market-stream connections answer in order. */
  JsonNode request(String text) throws InterruptedException {
    send(text);
    return next(node -> node.has("id") && (node.has("result") || node.has("error")));
  }

  /**
   * Waits until the streams named in the URL are registered: the server reads messages only after
   * that, so the answer to a {@code LIST_SUBSCRIPTIONS} proves no event can be missed any more.
   */
  void awaitSubscribed() throws InterruptedException {
    request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"ready\"}");
  }

  int pings() {
    return pings.get();
  }

  Integer awaitClose() {
    await().atMost(WAIT).until(() -> closeCode != null);
    return closeCode;
  }

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
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    pings.incrementAndGet();
    // The JDK answers with a pong carrying the ping's payload.
    return WebSocket.Listener.super.onPing(webSocket, message);
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode = statusCode;
    return null;
  }

  @Override
  public void close() {
    if (closeCode == null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
