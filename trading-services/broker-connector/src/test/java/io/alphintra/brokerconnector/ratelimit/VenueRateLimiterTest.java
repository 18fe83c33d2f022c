package io.alphintra.brokerconnector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.brokerconnector.venue.VenueClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VenueRateLimiterTest {

  private final MutableClock time = new MutableClock(1_000_000);
  private final VenueClock clock = VenueClock.fixedTo(time);

  @Test
  void countsWeightAndOrdersInTheVenuesWindows() throws InterruptedException {
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 100, 2, 0, 0);

    limiter.answered(limiter.acquire(4, true, Duration.ZERO), 4, 1);
    limiter.answered(limiter.acquire(1, true, Duration.ZERO), 5, 2);

    RateLimitSnapshot snapshot = limiter.snapshot();
    assertThat(snapshot.usedWeight()).isEqualTo(5);
    assertThat(snapshot.orderCount()).isEqualTo(2);
    assertThat(limiter.waitMillis(time.millis(), 1, true))
        .isEqualTo(10_000 - time.millis() % 10_000);
    assertThat(limiter.waitMillis(time.millis(), 1, false)).isZero();
  }

  @Test
  void refusesToWaitLongerThanTheCallerAllows() throws InterruptedException {
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 10, 100, 0, 0);
    limiter.answered(limiter.acquire(1, false, Duration.ZERO), 10, -1);

    assertThatThrownBy(() -> limiter.acquire(1, false, Duration.ofMillis(10)))
        .isInstanceOf(RateLimitWaitExceeded.class);
  }

  @Test
  void followsTheUsedWeightHeaderWhenOthersShareTheBudget() throws InterruptedException {
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 1200, 100, 0, 0);

    limiter.answered(limiter.acquire(1, true, Duration.ZERO), 1190, 7);

    assertThat(limiter.snapshot().usedWeight()).isEqualTo(1190);
    assertThat(limiter.snapshot().orderCount()).isEqualTo(7);
    assertThat(limiter.waitMillis(time.millis(), 20, false)).isPositive();
    assertThat(limiter.waitMillis(time.millis(), 10, false)).isZero();
  }

  @Test
  void holdsEveryRequestBackUntilRetryAfterHasPassed() throws InterruptedException {
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 100, 0, 0);
    VenueRateLimiter.Permit refused = limiter.acquire(1, false, Duration.ZERO);
    limiter.answered(refused, -1, -1);

    limiter.backOff(refused, 429, 7, false);

    assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(7_000);
    time.advance(6_999);
    assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(1);
    assertThat(limiter.snapshot().backOffRemainingMillis()).isEqualTo(1);
  }

  @Test
  void adoptsTheVenuesLimitsOnlyWhereTheyAreStricter() {
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 50, 0, 0);

    limiter.applyVenueLimits(1200, 100);

    assertThat(limiter.snapshot().weightLimit()).isEqualTo(1200);
    assertThat(limiter.snapshot().orderLimit()).isEqualTo(50);
  }

  @Test
  void keepsCountingTheOldWindowForTheGuardAfterTheVenueRolls() throws InterruptedException {
    long minuteStart = time.millis() - time.millis() % 60_000;
    time.set(minuteStart + 59_000);
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 10, 100, 500, 0);
    limiter.answered(limiter.acquire(10, false, Duration.ZERO), -1, -1);

    time.set(minuteStart + 60_200);
    // Our clock may be 500 ms ahead of the venue's: its old minute may still be running.
    assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(300);
    time.set(minuteStart + 60_500);
    assertThat(limiter.waitMillis(time.millis(), 1, false)).isZero();
    assertThat(limiter.snapshot().usedWeight()).isZero();
  }

  @Test
  void aRequestSentWithinTheGuardOfTheRollCountsInBothMinutes() throws InterruptedException {
    long minuteStart = time.millis() - time.millis() % 60_000;
    time.set(minuteStart + 59_900);
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 10, 100, 500, 0);
    limiter.answered(limiter.acquire(10, false, Duration.ZERO), -1, -1);

    time.set(minuteStart + 60_500);

    // Sent 100 ms before the roll: the venue may have counted it in the new minute, so it still
    // counts.
    assertThat(limiter.snapshot().usedWeight()).isEqualTo(10);
    assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(60_000);
  }

  @Test
  void ordersWhoseAnswerArrivesAfterTheRollCountInTheNewWindowEvenWhenSentLongBeforeIt()
      throws InterruptedException {
    // The starved-CI failure: ten orders charged 1.5 s before the venue's 10 s window ended
    // (outside
    // the guard) reached the venue only after it rolled; the next window must not take ten more.
    long windowStart = time.millis() - time.millis() % 10_000;
    time.set(windowStart + 8_500);
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 10, 500, 0);
    List<VenueRateLimiter.Permit> orders = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      orders.add(limiter.acquire(1, true, Duration.ZERO));
    }

    time.set(windowStart + 10_800);
    orders.forEach(order -> limiter.answered(order, -1, 5));
    time.set(windowStart + 11_000);

    assertThat(limiter.waitMillis(time.millis(), 1, true))
        .as("the new window may already hold all ten")
        .isEqualTo(9_500);
    assertThat(limiter.waitMillis(time.millis(), 1, false)).isZero();
  }

  @Test
  void aUsedWeightHeaderRightAfterTheVenuesMinuteRolledIsNotLostWhenOurWindowRolls()
      throws InterruptedException {
    // The other starved-CI failure: right after the venue's minute rolled, a neighbour on our IP
    // spent 370 and our lookup saw 374; our own window still looked like the old minute.
    long minuteStart = time.millis() - time.millis() % 60_000 + 60_000;
    time.set(minuteStart + 300);
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 100, 1_000, 0);
    limiter.applyVenueLimits(400, 10);
    VenueRateLimiter.Permit lookup = limiter.acquire(4, false, Duration.ZERO);
    time.set(minuteStart + 400);
    limiter.answered(lookup, 374, -1);

    time.set(minuteStart + 2_000);
    int lookups = 0;
    while (limiter.waitMillis(time.millis(), 4, false) == 0) {
      limiter.answered(limiter.acquire(4, false, Duration.ZERO), -1, -1);
      lookups++;
    }

    assertThat(lookups).as("374 + 6 x 4 = 398: the seventh would draw a 429").isEqualTo(6);
    assertThat(limiter.snapshot().usedWeight()).isEqualTo(398);
  }

  @Test
  void aRequestWithoutAnAnswerKeepsCountingWhileTheVenueMayStillCountIt()
      throws InterruptedException {
    long windowStart = time.millis() - time.millis() % 10_000;
    time.set(windowStart + 2_000);
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 1, 500, 5_000);
    VenueRateLimiter.Permit timedOut = limiter.acquire(1, true, Duration.ZERO);

    time.set(windowStart + 7_000);
    limiter.unanswered(timedOut);

    time.set(windowStart + 10_600);
    assertThat(limiter.waitMillis(time.millis(), 1, true)).isPositive();
    time.set(windowStart + 20_500);
    assertThat(limiter.waitMillis(time.millis(), 1, true)).isZero();
  }

  @Test
  void theMarginGrowsWithTheClocksMeasuredUncertainty() throws InterruptedException {
    long minuteStart = time.millis() - time.millis() % 60_000 + 60_000;
    // A starved sample: 800 ms round trip leaves the offset uncertain by about 400 ms.
    clock.synchronize(minuteStart - 10_000, minuteStart - 9_600, minuteStart - 9_200);
    time.set(minuteStart - 9_200);
    VenueRateLimiter limiter = new VenueRateLimiter(clock, 10, 100, 500, 0);
    assertThat(limiter.margin()).isBetween(900L, 910L);

    time.set(minuteStart - 800);
    limiter.answered(limiter.acquire(10, false, Duration.ZERO), -1, -1);

    time.set(minuteStart + 600);
    assertThat(limiter.waitMillis(time.millis(), 1, false))
        .as("600 ms past the roll is still within the margin")
        .isPositive();
    time.set(minuteStart + 1_000);
    assertThat(limiter.waitMillis(time.millis(), 1, false))
        .as("charged 800 ms before the roll: counted in both minutes")
        .isEqualTo(60_000 - 1_000 + limiter.margin());
  }

  /** A settable clock for deterministic windows. */
  static final class MutableClock extends Clock {
    private long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    void advance(long delta) {
      millis += delta;
    }

    void set(long value) {
      millis = value;
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
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
