package io.alphintra.operator.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server that answers every request with one JSON body and keeps each connection
 * open for the next request (unless the client closes it), counting the connections it accepted:
 * what a pooling client would reuse for good.
 */
public final class KeepAliveServer implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] body;
  private final AtomicInteger connections = new AtomicInteger();

  public KeepAliveServer(String jsonBody) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.body = jsonBody.getBytes(StandardCharsets.UTF_8);
    Thread.ofVirtual().start(this::accept);
  }

  /** {@code path} on this server. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** The connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
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

  private void answer(Socket socket) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      int contentLength = 0;
      for (String line; (line = in.readLine()) != null; ) {
        if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          contentLength = Integer.parseInt(line.substring(15).strip());
        }
        if (!line.isEmpty()) {
          continue; // request line and headers
        }
        in.skip(contentLength);
        contentLength = 0;
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

  @Override
  public void close() throws IOException {
    server.close();
  }
}
