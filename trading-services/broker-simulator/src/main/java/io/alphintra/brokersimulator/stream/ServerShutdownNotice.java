package io.alphintra.brokersimulator.stream;

import org.springframework.context.SmartLifecycle;

/**
 * Runs an announcement of Binance's {@code serverShutdown} event when the application stops; its
 * phase stops it before the web server's graceful shutdown closes the sockets.
 */
public final class ServerShutdownNotice implements SmartLifecycle {

  private final Runnable announcement;
  private volatile boolean running;

  public ServerShutdownNotice(Runnable announcement) {
    this.announcement = announcement;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    announcement.run();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return DEFAULT_PHASE;
  }
}
