package io.alphintra.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

/**
 * A reconcile cut short by shutdown is told apart from one that failed, so it never reports
 * Ready=False.
 */
class InterruptionsTest {
  @Test
  void anInterruptedRequestDeepInTheCauseChainIsAnInterruption() {
    var e =
        new KubernetesClientException("request failed", new InterruptedIOException("interrupted"));
    assertThat(Interruptions.interrupted(new RuntimeException(e))).isTrue();
    assertThat(Interruptions.interrupted(new IllegalStateException(new InterruptedException())))
        .isTrue();
  }

  @Test
  void aRealFailureIsNot() {
    assertThat(Interruptions.interrupted(new KubernetesClientException("Forbidden", 403, null)))
        .isFalse();
    assertThat(Interruptions.interrupted(new IllegalStateException("boom"))).isFalse();
  }

  @Test
  void anInterruptedThreadIsOneWhateverItThrew() {
    Thread.currentThread().interrupt();
    try {
      assertThat(Interruptions.interrupted(new IllegalStateException("boom"))).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
