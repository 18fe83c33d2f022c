package io.alphintra.e2e.environment;

import com.sun.net.httpserver.HttpServer;
import io.alphintra.operator.runtime.CheckEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;

/**
 * A local HTTP server standing in for the pods behind every Service: the operator runs outside the
 * cluster and cannot reach Service DNS names, so its rollout health checks are sent here as {@code
 * /<namespace>/<service><path>}, and the test decides the answer per Service.
 */
final class FakeServiceEndpoints implements CheckEndpoints, AutoCloseable {
  private final HttpServer server;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private volatile ToIntBiFunction<String, String> status = (namespace, service) -> 200;

  FakeServiceEndpoints() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String[] parts = exchange.getRequestURI().getPath().split("/", 4);
          String namespace = parts.length > 1 ? parts[1] : "";
          String service = parts.length > 2 ? parts[2] : "";
          requests
              .computeIfAbsent(namespace + "/" + service, k -> new AtomicInteger())
              .incrementAndGet();
          int code = status.applyAsInt(namespace, service);
          byte[] body =
              ("{\"status\":\"" + (code < 300 ? "UP" : "OUT_OF_SERVICE") + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(code, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Decides the HTTP status of each check from the namespace and the Service name. */
  void answer(ToIntBiFunction<String, String> status) {
    this.status = status;
  }

  /** How many checks reached {@code service} in {@code namespace}. */
  int requests(String namespace, String service) {
    AtomicInteger n = requests.get(namespace + "/" + service);
    return n == null ? 0 : n.get();
  }

  /**
   * The same addresses as an {@code ALPHINTRA_HEALTH_CHECK_URL_TEMPLATE}, for an operator running
   * in another JVM.
   */
  String urlTemplate() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/{namespace}/{service}";
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
