package io.alphintra.tradingapi.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.OwnerType;
import io.alphintra.tradingapi.account.RiskLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OrderRateLimiterTest {

  private static final Account TWO_PER_SECOND =
      new Account(
          "acc-1",
          OwnerType.USER,
          "u",
          "c",
          new RiskLimits(null, null, null, null, 2, null),
          false,
          null,
          null,
          null);

  private Instant now = Instant.parse("2026-11-30T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void refusesTheOrderOverTheLimitWithinOneSecondAndAllowsItOnceTheWindowMoved() {
    OrderRateLimiter limiter = new OrderRateLimiter(clock);

    assertThat(limiter.acquire(TWO_PER_SECOND)).isEmpty();
    now = now.plusMillis(400);
    assertThat(limiter.acquire(TWO_PER_SECOND)).isEmpty();
    now = now.plusMillis(599);
    assertThat(limiter.acquire(TWO_PER_SECOND))
        .hasValueSatisfying(
            rejection -> {
              assertThat(rejection.reason()).isEqualTo(RiskReason.ORDER_RATE);
              assertThat(rejection.message()).contains("2 per second", "placed 2 orders");
            });
    now = now.plus(Duration.ofMillis(1));
    assertThat(limiter.acquire(TWO_PER_SECOND)).as("the first order left the window").isEmpty();
  }

  @Test
  void withoutALimitEveryOrderPasses() {
    OrderRateLimiter limiter = new OrderRateLimiter(clock);
    Account unlimited =
        new Account("acc-2", OwnerType.USER, "u", "c", RiskLimits.NONE, false, null, null, null);

    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire(unlimited)).isEmpty();
    }
  }
}
