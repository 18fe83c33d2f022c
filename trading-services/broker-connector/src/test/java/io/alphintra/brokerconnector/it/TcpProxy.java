package io.alphintra.brokerconnector.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the venue that can cut every connection at once: a real network failure.
 */
final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private volatile boolean refusing;
  private final int port;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Object forwarding = new Object();
  private boolean stalled;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    this.port = server.getLocalPort();
    Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
  }

  int port() {
    return port;
  }

  /**
   * A venue outage: cuts every connection, and resets each new one at once, as a host with nothing
   * listening does. The port stays this proxy's: closing and binding it again failed now and then
   * ("Address already in use"), another socket, even a client connecting to itself, having taken it
   * meanwhile.
   */
  void refuseConnections() {
    refusing = true;
    dropAll();
  }

  /** Ends the outage. */
  void acceptConnections() {
    refusing = false;
  }

  /**
   * A silent failure: keeps every connection open but forwards nothing either way (no close, no
   * reset), as a stalled NAT or middlebox does, until {@link #resumeForwarding()}.
   */
  void stallForwarding() {
    synchronized (forwarding) {
      stalled = true;
    }
  }

  /** Forwards again, the held bytes first. */
  void resumeForwarding() {
    synchronized (forwarding) {
      stalled = false;
      forwarding.notifyAll();
    }
  }

  private void awaitForwarding() throws IOException {
    synchronized (forwarding) {
      while (stalled) {
        try {
          forwarding.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while stalled", e);
        }
      }
    }
  }

  int connectionsAccepted() {
    return accepted.get();
  }

  /** Connections currently open (client side). */
  int openConnections() {
    return (int) sockets.stream().filter(s -> !s.isClosed()).count() / 2;
  }

  /** Cuts every proxied connection abruptly. */
  void dropAll() {
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
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        accepted.incrementAndGet();
        sockets.add(client);
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        awaitForwarding();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    resumeForwarding();
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
