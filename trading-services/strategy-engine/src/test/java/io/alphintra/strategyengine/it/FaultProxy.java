package io.alphintra.strategyengine.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.ObjectMapper;

/**
 * An HTTP proxy in front of the real trading-api that can answer the next order placements or
 * cancels with 503 instead of forwarding them, and records the clientOrderId of every placement it
 * saw.
 */
final class FaultProxy implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One order placement the proxy saw and what it answered. */
  record Placement(String clientOrderId, int status) {}

  private final String target;
  private final HttpServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger failNextCancels = new AtomicInteger();
  private final AtomicInteger failedCancels = new AtomicInteger();
  private final List<Placement> placements = new CopyOnWriteArrayList<>();

  private FaultProxy(String target, HttpServer server) {
    this.target = target;
    this.server = server;
  }

  static FaultProxy start(String target) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FaultProxy proxy = new FaultProxy(target, server);
      server.createContext("/", proxy::handle);
      server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next {@code count} order placements are answered 503 without reaching trading-api. */
  void failNextPlacements(int count) {
    failNext.set(count);
  }

  /** The next {@code count} cancels are answered 503 without reaching trading-api. */
  void failNextCancels(int count) {
    failNextCancels.set(count);
  }

  int failedCancels() {
    return failedCancels.get();
  }

  List<Placement> placements() {
    return List.copyOf(placements);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    boolean placement = "POST".equals(exchange.getRequestMethod()) && path.endsWith("/orders");
    String clientOrderId = placement ? JSON.readTree(body).path("clientOrderId").asString() : null;
    if (placement && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      placements.add(new Placement(clientOrderId, 503));
      reply(exchange, 503, "{\"detail\":\"injected by the test proxy\"}".getBytes());
      return;
    }
    if ("DELETE".equals(exchange.getRequestMethod())
        && failNextCancels.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failedCancels.incrementAndGet();
      reply(exchange, 503, "{\"detail\":\"injected by the test proxy\"}".getBytes());
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Authorization", "Content-Type", "Accept")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        forward.header(header, value);
      }
    }
    try {
      HttpResponse<byte[]> response =
          http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (placement) {
        placements.add(new Placement(clientOrderId, response.statusCode()));
      }
      reply(exchange, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(exchange, 502, "{}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
