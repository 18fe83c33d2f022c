package io.alphintra.brokerconnector.venue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VenueClockTest {

  private final SettableClock local = new SettableClock(1_000_000);
  private final VenueClock clock = VenueClock.fixedTo(local);

  @Test
  void theOffsetIsTakenFromTheMiddleOfTheRoundTripAndUncertainByHalfOfIt() {
    assertThat(clock.uncertaintyMillis()).isZero();

    assertThat(clock.synchronize(1_000_000, 1_000_250, 1_000_100)).isTrue();

    assertThat(clock.offsetMillis()).isEqualTo(200);
    assertThat(clock.uncertaintyMillis()).isEqualTo(51);
    assertThat(clock.now()).isEqualTo(1_000_200);
  }

  @Test
  void aSlowSampleDoesNotReplaceATighterOneItAgreesWith() {
    clock.synchronize(1_000_000, 1_000_001, 1_000_002);

    // A starved probe: 1.6 s round trip, and the venue answered early in it.
    boolean adopted = clock.synchronize(1_010_000, 1_010_100, 1_011_600);

    assertThat(adopted).isFalse();
    assertThat(clock.offsetMillis()).isZero();
    assertThat(clock.uncertaintyMillis()).isEqualTo(2);
  }

  @Test
  void aSampleThatContradictsTheEstimateIsAdoptedEvenWhenSlower() {
    clock.synchronize(1_000_000, 1_000_001, 1_000_002);

    // The venue's clock moved 5 s: no round trip explains that.
    boolean adopted = clock.synchronize(1_010_000, 1_015_100, 1_010_200);

    assertThat(adopted).isTrue();
    assertThat(clock.offsetMillis()).isEqualTo(5_000);
    assertThat(clock.uncertaintyMillis()).isEqualTo(101);
  }

  @Test
  void theUncertaintyGrowsWithTheSamplesAgeSoAFreshSampleEventuallyWins() {
    clock.synchronize(1_000_000, 1_000_001, 1_000_002);
    local.millis = 1_000_002 + 600_000;
    assertThat(clock.uncertaintyMillis()).isEqualTo(2 + 60);

    boolean adopted = clock.synchronize(local.millis - 100, local.millis - 45, local.millis);

    assertThat(adopted).isTrue();
    assertThat(clock.offsetMillis()).isEqualTo(5);
    assertThat(clock.uncertaintyMillis()).isEqualTo(51);
  }

  private static final class SettableClock extends Clock {
    long millis;

    SettableClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
