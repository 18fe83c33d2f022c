package io.alphintra.brokerconnector.marketdata;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One subscriber's outbound queue, drained in order by a task of its own, so the thread that
 * publishes the venue's events never waits on a consumer's network. A consumer that falls behind
 * (more than the limit of characters queued, or one send taking longer than the time limit) is
 * closed and dropped: one slow consumer never delays the feed of the others.
 */
public final class QueuedSubscriber implements MarketDataSubscriber {

  /** Where the events go: a WebSocket session in production. */
  public interface Sink {
    /** Sends one message, blocking until the transport took it. */
    void send(String json) throws IOException;

    boolean isOpen();

    /** Closes the consumer's connection because it cannot keep up; never throws. */
    void closeTooSlow();
  }

  private final Sink sink;
  private final Executor drainer;
  private final long charLimit;
  private final long sendTimeLimitNanos;
  private final LongSupplier nanoTime;
  private final Queue<String> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedChars = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private volatile long sendStartedNanos;
  private volatile boolean sending;

  public QueuedSubscriber(
      Sink sink, Executor drainer, long charLimit, Duration sendTimeLimit, LongSupplier nanoTime) {
    this.sink = sink;
    this.drainer = drainer;
    this.charLimit = charLimit;
    this.sendTimeLimitNanos = sendTimeLimit.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean deliver(String json) {
    if (dropped.get() || !sink.isOpen()) {
      return false;
    }
    if (sending && nanoTime.getAsLong() - sendStartedNanos > sendTimeLimitNanos) {
      return drop();
    }
    if (queuedChars.addAndGet(json.length()) > charLimit) {
      return drop();
    }
    queue.add(json);
    if (draining.compareAndSet(false, true)) {
      drainer.execute(this::drain);
    }
    return true;
  }

  /** Characters waiting to be sent. */
  public long queuedChars() {
    return queuedChars.get();
  }

  private void drain() {
    while (true) {
      String next;
      while ((next = queue.poll()) != null && !dropped.get()) {
        sendStartedNanos = nanoTime.getAsLong();
        sending = true;
        try {
          sink.send(next);
        } catch (IOException | RuntimeException e) {
          drop();
        } finally {
          sending = false;
        }
        queuedChars.addAndGet(-next.length());
      }
      draining.set(false);
      // A message queued after the last poll but before the flag was cleared needs a drainer.
      if (queue.isEmpty() || dropped.get() || !draining.compareAndSet(false, true)) {
        return;
      }
    }
  }

  private boolean drop() {
    if (dropped.compareAndSet(false, true)) {
      queue.clear();
      sink.closeTooSlow();
    }
    return false;
  }
}
