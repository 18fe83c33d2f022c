package io.alphintra.tradingapi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a service that can cut every open connection at once, or hold what the
 * clients send, or what the service answers, until the test lets it through.
 */
public final class TcpProxy implements AutoCloseable {

  private final int port;
  private final ServerSocket server;
  private volatile boolean refusing;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile CountDownLatch open = new CountDownLatch(0);
  private volatile CountDownLatch answersOpen = new CountDownLatch(0);

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.port = server.getLocalPort();
    Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
  }

  public int port() {
    return port;
  }

  /**
   * A venue outage: cuts every connection, and resets each new one at once, as a host with nothing
   * listening does. The port stays this proxy's: closing and binding it again failed now and then
   * ("Address already in use"), another socket, even a client connecting to itself, having taken it
   * meanwhile.
   */
  public void refuseConnections() {
    refusing = true;
    dropAll();
  }

  /** Ends the outage. */
  public void acceptConnections() {
    refusing = false;
  }

  /**
   * Holds every byte a client sends from now on (on open connections too) until {@link #release}: a
   * request the service will answer only when the test says so.
   */
  public void hold() {
    open = new CountDownLatch(1);
  }

  /**
   * Holds every byte the service sends from now on (on open connections too) until {@link
   * #release}: requests reach the service, which acts on them, but their answers do not come back.
   */
  public void holdAnswers() {
    answersOpen = new CountDownLatch(1);
  }

  /**
   * Lets what {@link #hold} and {@link #holdAnswers} kept back, and everything after it, through.
   */
  public void release() {
    open.countDown();
    answersOpen.countDown();
  }

  /** Connections accepted so far. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /** Cuts every proxied connection abruptly (RST), as a network failure would. */
  public void dropAll() {
    for (Socket socket : sockets) {
      try {
        socket.setSoLinger(true, 0);
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  private void acceptLoop() {
    ServerSocket listening = server;
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        if (refusing) {
          reset(client);
          continue;
        }
        Socket upstream = new Socket(targetHost, targetPort);
        accepted.incrementAndGet();
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pipe(client, upstream, true));
        Thread.ofVirtual().start(() -> pipe(upstream, client, false));
      } catch (IOException e) {
        // the server closed, or the target refused: the client sees its connection end
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean fromClient) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[8192];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        (fromClient ? open : answersOpen).await();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side ended
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    dropAll();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException ignored) {
      // gone already
    }
  }
}
