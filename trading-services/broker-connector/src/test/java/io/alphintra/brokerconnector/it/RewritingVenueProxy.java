package io.alphintra.brokerconnector.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of the venue: forwards every request byte for byte (so signatures stay
 * valid) and passes the venue's answers through {@link Rewrite}, to play a venue that answers in a
 * form the connector does not know.
 */
final class RewritingVenueProxy implements AutoCloseable {

  /** Rewrites the body of the venue's answer to {@code method path}. */
  @FunctionalInterface
  interface Rewrite {
    String body(String method, String path, int status, String body);
  }

  private static final List<String> REQUEST_HEADERS =
      List.of("X-MBX-APIKEY", "Content-Type", "Accept");
  private static final List<String> RESPONSE_HEADERS =
      List.of("Content-Type", "X-MBX-USED-WEIGHT-1M", "X-MBX-ORDER-COUNT-10S", "Retry-After");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String target;
  private volatile Rewrite rewrite = (method, path, status, body) -> body;

  RewritingVenueProxy(String targetBaseUrl) throws IOException {
    this.target = targetBaseUrl;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::forward);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void rewrite(Rewrite answers) {
    this.rewrite = answers;
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] sent = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
              .method(
                  method,
                  sent.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(sent));
      for (String header : REQUEST_HEADERS) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
          request.header(header, value);
        }
      }
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String header : RESPONSE_HEADERS) {
        answer
            .headers()
            .firstValue(header)
            .ifPresent(value -> exchange.getResponseHeaders().add(header, value));
      }
      byte[] body =
          rewrite
              .body(method, exchange.getRequestURI().getPath(), answer.statusCode(), answer.body())
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.close();
  }
}
