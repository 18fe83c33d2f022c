package io.alphintra.brokerconnector.binance;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How a venue feed tells a live WebSocket from one that died without a close or a reset reaching it
 * (a stalled NAT or proxy, a lost RST): any frame (text, binary, ping, pong) is a sign of life, the
 * feed pings every third of the idle timeout so that a live venue answers even when it has nothing
 * to push, and a connection silent for the whole timeout is to be dropped.
 */
final class FeedLiveness {
  private static final ByteBuffer PING_PAYLOAD =
      ByteBuffer.wrap(new byte[] {'a', 'l', 'i', 'v'}).asReadOnlyBuffer();
  private static final Duration MINIMUM = Duration.ofMillis(300);

  private final Duration idleTimeout;
  private final LongSupplier nanoTime;
  private volatile long lastFrameNanos;

  FeedLiveness(Duration idleTimeout) {
    this(idleTimeout, System::nanoTime);
  }

  FeedLiveness(Duration idleTimeout, LongSupplier nanoTime) {
    this.idleTimeout = idleTimeout;
    this.nanoTime = nanoTime;
    this.lastFrameNanos = nanoTime.getAsLong();
  }

  /** {@code idleTimeout} if long enough; otherwise an error naming {@code property} and the fix. */
  static Duration checked(String property, Duration idleTimeout) {
    if (idleTimeout.compareTo(MINIMUM) < 0) {
      throw new IllegalArgumentException(
          property
              + " must be at least 300ms (was "
              + idleTimeout
              + "); Binance pings every 20s, so 30s to 60s suits it");
    }
    return idleTimeout;
  }

  Duration idleTimeout() {
    return idleTimeout;
  }

  /** How often to call {@link #silentFor}: a third of the idle timeout. */
  long checkMillis() {
    return idleTimeout.toMillis() / 3;
  }

  /**
   * Runs {@code check} (which calls {@link #silentFor}) on {@code executor} every third of the
   * timeout.
   */
  ScheduledFuture<?> schedule(ScheduledExecutorService executor, Runnable check) {
    return executor.scheduleWithFixedDelay(
        check, checkMillis(), checkMillis(), TimeUnit.MILLISECONDS);
  }

  /** A frame arrived, or a connection opened. */
  void alive() {
    lastFrameNanos = nanoTime.getAsLong();
  }

  /**
   * The milliseconds {@code current} has been silent when that is the whole idle timeout (the
   * caller drops it), otherwise -1 after pinging it.
   */
  long silentFor(WebSocket current) {
    long silentNanos = nanoTime.getAsLong() - lastFrameNanos;
    if (silentNanos >= idleTimeout.toNanos()) {
      return TimeUnit.NANOSECONDS.toMillis(silentNanos);
    }
    try {
      current.sendPing(PING_PAYLOAD.duplicate()).exceptionally(e -> null);
    } catch (RuntimeException e) {
      // another ping still outstanding: the connection is slow; the timeout decides
    }
    return -1;
  }
}
