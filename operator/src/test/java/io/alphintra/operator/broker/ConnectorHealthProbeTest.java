package io.alphintra.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.operator.broker.model.ConnectorHealth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The probe's polls against a raw HTTP/1.1 server that keeps connections alive: each poll opens a
 * connection of its own, so a Service whose backend changed between two polls is read anew.
 */
class ConnectorHealthProbeTest {
  private static final String REPORT =
      "{\"status\":\"UP\",\"reason\":\"CONNECTED\",\"connected\":true,\"authenticated\":true}";

  @Test
  void everyPollOpensAConnectionOfItsOwn() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ConnectorHealthProbe probe = new ConnectorHealthProbe(Duration.ofSeconds(5))) {
      Thread.ofVirtual().start(() -> serveKeepAlive(server, connections));
      URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + ConnectorHealthProbe.PATH);

      ConnectorHealth first = probe.poll(url);
      ConnectorHealth second = probe.poll(url);

      assertThat(first.connected()).isTrue();
      assertThat(second.connected()).isTrue();
      assertThat(connections).hasValue(2);
    }
  }

  /** Answers every request on a connection with the report, keeping the connection open. */
  private static void serveKeepAlive(ServerSocket server, AtomicInteger connections) {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> answer(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void answer(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isEmpty()) {
          continue; // request line and headers; a GET has no body
        }
        byte[] body = REPORT.getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    } catch (IOException e) {
      // the client closed the connection
    }
  }
}
