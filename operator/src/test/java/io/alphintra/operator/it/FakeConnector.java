package io.alphintra.operator.it;

import com.sun.net.httpserver.HttpServer;
import io.alphintra.operator.runtime.CheckEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A broker-connector's health endpoint served over real HTTP: the operator's health polls of every
 * connection reach it, and it answers the report the test sets (503 when the report says DOWN, as
 * the connector does).
 */
final class FakeConnector implements AutoCloseable {
  /** A connected, authenticated connector. */
  static final String HEALTHY =
      "{\"status\":\"UP\",\"connected\":true,\"authenticated\":true,\"roundTripLatencyMillis\":3,"
          + "\"usedWeight\":1,\"endpoint\":\"https://venue.test\",\"lastError\":null}";

  private final AtomicReference<String> report = new AtomicReference<>(HEALTHY);
  private final HttpServer server;

  private FakeConnector(HttpServer server) {
    this.server = server;
  }

  static FakeConnector start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeConnector connector = new FakeConnector(server);
      server.createContext(
          "/",
          exchange -> {
            String body = connector.report.get();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.contains("\"DOWN\"") ? 503 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      server.start();
      return connector;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the next health polls answer. */
  void report(String json) {
    report.set(json);
  }

  /** Where the operator's checks go: every Service of every namespace is this server. */
  CheckEndpoints endpoints() {
    int port = server.getAddress().getPort();
    return (namespace, service, servicePort, path) -> URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
