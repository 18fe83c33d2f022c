package io.alphintra.tradingapi.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlacementGateTest {

  @Test
  void refusesAPlacementOverTheLimitAndAdmitsItAgainOnceOneLeft() {
    PlacementGate gate = new PlacementGate(2, Duration.ZERO);

    assertThat(gate.tryEnter()).isTrue();
    assertThat(gate.tryEnter()).isTrue();
    assertThat(gate.tryEnter()).as("a third placement while two are in flight").isFalse();
    gate.leave();
    assertThat(gate.tryEnter()).isTrue();
  }
}
