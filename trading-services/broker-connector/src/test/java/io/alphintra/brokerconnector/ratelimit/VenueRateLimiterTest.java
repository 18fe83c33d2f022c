package io.alphintra.brokerconnector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.brokerconnector.venue.VenueClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VenueRateLimiterTest {

    private final MutableClock time = new MutableClock(1_000_000);
    private final VenueClock clock = VenueClock.fixedTo(time);

    @Test
    void countsWeightAndOrdersInTheVenuesWindows() throws InterruptedException {
        VenueRateLimiter limiter = new VenueRateLimiter(clock, 100, 2, 0);

        limiter.acquire(4, true, Duration.ZERO);
        limiter.acquire(1, true, Duration.ZERO);

        RateLimitSnapshot snapshot = limiter.snapshot();
        assertThat(snapshot.usedWeight()).isEqualTo(5);
        assertThat(snapshot.orderCount()).isEqualTo(2);
        assertThat(limiter.waitMillis(time.millis(), 1, true)).isEqualTo(10_000 - time.millis() % 10_000);
        assertThat(limiter.waitMillis(time.millis(), 1, false)).isZero();
    }

    @Test
    void refusesToWaitLongerThanTheCallerAllows() {
        VenueRateLimiter limiter = new VenueRateLimiter(clock, 10, 100, 0);
        limiter.observe(10, -1);

        assertThatThrownBy(() -> limiter.acquire(1, false, Duration.ofMillis(10)))
                .isInstanceOf(RateLimitWaitExceeded.class);
    }

    @Test
    void followsTheUsedWeightHeaderWhenOthersShareTheBudget() {
        VenueRateLimiter limiter = new VenueRateLimiter(clock, 1200, 100, 0);

        limiter.observe(1190, 7);

        assertThat(limiter.snapshot().usedWeight()).isEqualTo(1190);
        assertThat(limiter.snapshot().orderCount()).isEqualTo(7);
        assertThat(limiter.waitMillis(time.millis(), 20, false)).isPositive();
        assertThat(limiter.waitMillis(time.millis(), 10, false)).isZero();
    }

    @Test
    void holdsEveryRequestBackUntilRetryAfterHasPassed() {
        VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 100, 0);

        limiter.backOff(429, 7, false);

        assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(7_000);
        time.advance(6_999);
        assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(1);
        assertThat(limiter.snapshot().backOffRemainingMillis()).isEqualTo(1);
    }

    @Test
    void adoptsTheVenuesLimitsOnlyWhereTheyAreStricter() {
        VenueRateLimiter limiter = new VenueRateLimiter(clock, 6000, 50, 0);

        limiter.applyVenueLimits(1200, 100);

        assertThat(limiter.snapshot().weightLimit()).isEqualTo(1200);
        assertThat(limiter.snapshot().orderLimit()).isEqualTo(50);
    }

    @Test
    void keepsCountingTheOldWindowForTheGuardAfterTheVenueRolls() throws InterruptedException {
        long minuteStart = time.millis() - time.millis() % 60_000;
        time.set(minuteStart + 59_900);
        VenueRateLimiter limiter = new VenueRateLimiter(clock, 10, 100, 500);
        limiter.acquire(10, false, Duration.ZERO);

        time.set(minuteStart + 60_200);

        assertThat(limiter.waitMillis(time.millis(), 1, false)).isEqualTo(300);
        time.set(minuteStart + 60_500);
        // Sent 100 ms before the roll: the venue may have counted it in the new minute, so it still counts.
        assertThat(limiter.snapshot().usedWeight()).isEqualTo(10);
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
