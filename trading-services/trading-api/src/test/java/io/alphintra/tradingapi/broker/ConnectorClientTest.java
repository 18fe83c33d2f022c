package io.alphintra.tradingapi.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a failed connector call proves, over real loopback connections: nothing sent only when no
 * connection was made; an order unknown to the venue only on the connector's ORDER_NOT_FOUND.
 */
class ConnectorClientTest {

  private static final ConnectorClient.Placement PLACEMENT =
      new ConnectorClient.Placement(
          "abc",
          "SIMUSDT",
          "BUY",
          "LIMIT",
          "GTC",
          new BigDecimal("1.000"),
          new BigDecimal("90"),
          false);

  @Test
  void aRefusedConnectionProvesNothingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ConnectorFailure failure = placeAt(URI.create("http://127.0.0.1:" + closedPort));

    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.NOT_SENT);
    assertThat(failure.reason()).isEqualTo("CONNECTOR_UNREACHABLE");
  }

  @Test
  void aConnectionThatBreaksAfterTheRequestWasReadLeavesTheOutcomeUnknown() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket client = server.accept()) {
                  readHead(client.getInputStream());
                  client.setSoLinger(true, 0); // reset: no answer
                } catch (IOException ignored) {
                  // the test sees the outcome
                }
              });
      ConnectorFailure failure = placeAt(URI.create("http://127.0.0.1:" + server.getLocalPort()));

      assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.UNKNOWN);
    }
  }

  @Test
  void onlyTheConnectorsOrderNotFoundSaysTheVenueHasNoSuchOrder() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/orders/known-to-none",
        exchange -> answer(exchange, 404, "{\"reason\":\"ORDER_NOT_FOUND\"}"));
    server.createContext("/", exchange -> answer(exchange, 404, ""));
    server.start();
    try {
      ConnectorClient client =
          client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));

      ConnectorFailure notOnVenue =
          catchThrowableOfType(
              ConnectorFailure.class, () -> client.get("venue", "known-to-none", "SIMUSDT"));
      ConnectorFailure otherNotFound =
          catchThrowableOfType(
              ConnectorFailure.class, () -> client.get("venue", "elsewhere", "SIMUSDT"));

      assertThat(notOnVenue.kind()).isEqualTo(ConnectorFailure.Kind.NOT_FOUND);
      assertThat(otherNotFound.kind()).isEqualTo(ConnectorFailure.Kind.UNKNOWN);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aConnectionWithoutAConnectorIsNotSent() {
    ConnectorFailure failure =
        catchThrowableOfType(
            ConnectorFailure.class,
            () -> client(URI.create("http://unused")).place("none", PLACEMENT));

    assertThat(failure.kind()).isEqualTo(ConnectorFailure.Kind.NOT_SENT);
    assertThat(failure.reason()).isEqualTo("NO_CONNECTOR");
  }

  private static ConnectorFailure placeAt(URI connector) {
    return catchThrowableOfType(
        ConnectorFailure.class, () -> client(connector).place("venue", PLACEMENT));
  }

  private static ConnectorClient client(URI connector) {
    ConnectorProperties properties =
        new ConnectorProperties(
            Map.of("venue", connector),
            null,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    return new ConnectorClient(
        new ConnectorDirectory(properties), properties, JsonMapper.builder().build());
  }

  private static void readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int b;
    while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
      head.append((char) b);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
