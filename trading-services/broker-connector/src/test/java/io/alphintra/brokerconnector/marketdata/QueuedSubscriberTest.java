package io.alphintra.brokerconnector.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueuedSubscriberTest {

  private static final Duration SEND_LIMIT = Duration.ofSeconds(5);

  /** Runs queued drain tasks only when the test says so. */
  private static final class ManualExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
  }

  private static class RecordingSink implements QueuedSubscriber.Sink {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void send(String json) throws IOException {
      sent.add(json);
    }

    @Override
    public boolean isOpen() {
      return closes.get() == 0;
    }

    @Override
    public void closeTooSlow() {
      closes.incrementAndGet();
    }
  }

  @Test
  void deliveringNeverSendsOnTheCallersThreadAndTheDrainSendsInOrder() {
    RecordingSink sink = new RecordingSink();
    ManualExecutor drainer = new ManualExecutor();
    QueuedSubscriber subscriber =
        new QueuedSubscriber(sink, drainer, 1_000, SEND_LIMIT, System::nanoTime);

    assertThat(subscriber.deliver("a")).isTrue();
    assertThat(subscriber.deliver("b")).isTrue();
    assertThat(subscriber.deliver("c")).isTrue();

    assertThat(sink.sent).as("nothing sent by the publisher").isEmpty();
    assertThat(drainer.tasks).as("one drain task for the burst").hasSize(1);
    drainer.runAll();
    assertThat(sink.sent).containsExactly("a", "b", "c");
    assertThat(subscriber.queuedChars()).isZero();

    assertThat(subscriber.deliver("d")).isTrue();
    drainer.runAll();
    assertThat(sink.sent).containsExactly("a", "b", "c", "d");
  }

  @Test
  void aConsumerThatLetsItsQueueGrowPastTheLimitIsClosedAndDroppedOnce() {
    RecordingSink sink = new RecordingSink();
    ManualExecutor stalled = new ManualExecutor();
    QueuedSubscriber subscriber = new QueuedSubscriber(sink, stalled, 10, SEND_LIMIT, () -> 0);

    assertThat(subscriber.deliver("12345")).isTrue();
    assertThat(subscriber.deliver("67890")).isTrue();
    assertThat(subscriber.deliver("x")).as("11 characters queued > 10").isFalse();
    assertThat(subscriber.deliver("y")).isFalse();

    assertThat(sink.closes).hasValue(1);
    stalled.runAll();
    assertThat(sink.sent).as("a dropped consumer's queue is discarded").isEmpty();
  }

  @Test
  void aSendStuckLongerThanTheLimitDropsTheConsumerWithoutBlockingThePublisher() throws Exception {
    CountDownLatch inSend = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void send(String json) throws IOException {
            inSend.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.send(json);
          }
        };
    AtomicLong now = new AtomicLong();
    QueuedSubscriber subscriber =
        new QueuedSubscriber(
            sink, task -> Thread.ofVirtual().start(task), 1_000, SEND_LIMIT, now::get);

    assertThat(subscriber.deliver("first")).isTrue();
    inSend.await();
    now.addAndGet(SEND_LIMIT.toNanos());
    assertThat(subscriber.deliver("second")).as("exactly at the limit is still in time").isTrue();
    now.addAndGet(1);
    assertThat(subscriber.deliver("third")).as("a send stuck past the limit").isFalse();
    assertThat(sink.closes).hasValue(1);

    release.countDown();
    await().until(() -> sink.sent.contains("first"));
    assertThat(sink.sent).containsExactly("first");
  }

  @Test
  void aFailedSendDropsTheConsumer() {
    RecordingSink sink =
        new RecordingSink() {
          @Override
          public void send(String json) throws IOException {
            throw new IOException("broken pipe");
          }
        };
    ManualExecutor drainer = new ManualExecutor();
    QueuedSubscriber subscriber =
        new QueuedSubscriber(sink, drainer, 1_000, SEND_LIMIT, System::nanoTime);

    assertThat(subscriber.deliver("a")).isTrue();
    assertThat(subscriber.deliver("b")).isTrue();
    drainer.runAll();

    assertThat(sink.closes).hasValue(1);
    assertThat(subscriber.deliver("c")).isFalse();
  }
}
