package io.alphintra.brokersimulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void refusesOrdersBeyondTheDailyLimitWithMinus1015() {
    RateLimiter limiter =
        new RateLimiter(new RateLimitProperties(6000, 100, 3, 1000, 10, 120), NOON);

    limiter.countOrder(7);
    limiter.countOrder(7);
    assertThat(limiter.countOrder(7)).isEqualTo(new RateLimiter.OrderCounts(3, 3));

    assertThatThrownBy(() -> limiter.countOrder(7))
        .isInstanceOfSatisfying(
            ApiException.class,
            error -> {
              assertThat(error.code()).isEqualTo(-1015);
              assertThat(error.getMessage())
                  .isEqualTo("Too many new orders; current limit is 3 orders per 1 DAY.");
              // Twelve hours until the next UTC day.
              assertThat(error.headers()).containsEntry("Retry-After", "43200");
            });
    assertThat(limiter.countOrder(8).day()).isEqualTo(1);
  }

  @Test
  void refusesRawRequestsBeyondTheLimitWhateverTheirWeight() {
    RateLimiter limiter =
        new RateLimiter(new RateLimitProperties(6000, 100, 200000, 2, 10, 120), NOON);

    limiter.countRawRequest("10.0.0.1");
    limiter.countRawRequest("10.0.0.1");

    assertThatThrownBy(() -> limiter.countRawRequest("10.0.0.1"))
        .isInstanceOfSatisfying(
            ApiException.class,
            error -> {
              assertThat(error.code()).isEqualTo(-1003);
              assertThat(error.status().value()).isEqualTo(429);
            });
    limiter.countRawRequest("10.0.0.2");
  }
}
