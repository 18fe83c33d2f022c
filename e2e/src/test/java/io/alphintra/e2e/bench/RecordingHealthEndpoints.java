package io.alphintra.e2e.bench;

import com.sun.net.httpserver.HttpServer;
import io.alphintra.operator.runtime.CheckEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for the pods behind every Service (the operator runs outside the
 * cluster, where Service names do not resolve): preview Services always answer 200, active Services
 * 200 or, once told to fail, 500. Every check is logged with the moment it was answered, so
 * latencies can start at the deciding check.
 */
final class RecordingHealthEndpoints implements CheckEndpoints, AutoCloseable {
  /** One health check the operator made. */
  record Check(Instant answeredAt, String namespace, String service, int code) {
    boolean preview() {
      return service.endsWith("-preview");
    }
  }

  private final HttpServer server;
  private final List<Check> checks = new CopyOnWriteArrayList<>();
  private volatile boolean activeFailing;

  RecordingHealthEndpoints() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String[] parts = exchange.getRequestURI().getPath().split("/", 4);
          String namespace = parts.length > 1 ? parts[1] : "";
          String service = parts.length > 2 ? parts[2] : "";
          int code = activeFailing && !service.endsWith("-preview") ? 500 : 200;
          byte[] body =
              ("{\"status\":\"" + (code == 200 ? "UP" : "DOWN") + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          checks.add(new Check(Instant.now(), namespace, service, code));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(code, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** From now on the active Services answer 500 ({@code true}) or 200. */
  void failActive(boolean failing) {
    this.activeFailing = failing;
  }

  List<Check> checks() {
    return List.copyOf(checks);
  }

  @Override
  public URI resolve(String namespace, String service, int port, String path) {
    return URI.create(
        "http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/"
            + namespace
            + "/"
            + service
            + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
