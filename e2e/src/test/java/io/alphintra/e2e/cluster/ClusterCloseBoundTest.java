package io.alphintra.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClusterCloseBoundTest {

  @Test
  void aCloseThatHangsIsLeftBehindAfterTheBound() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    AutoCloseable hanging =
        () -> {
          release.await();
          closed.set(true);
        };

    boolean finished = Cluster.closeBounded(hanging, Duration.ofMillis(200));

    assertThat(finished).isFalse();
    assertThat(closed).as("still blocked when the teardown goes on").isFalse();
    release.countDown();
  }

  @Test
  void aCloseThatFinishesIsWaitedFor() {
    AtomicBoolean closed = new AtomicBoolean();

    boolean finished = Cluster.closeBounded(() -> closed.set(true), Duration.ofSeconds(30));

    assertThat(finished).isTrue();
    assertThat(closed).isTrue();
  }
}
