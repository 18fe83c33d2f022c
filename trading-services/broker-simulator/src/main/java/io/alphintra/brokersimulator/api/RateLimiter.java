package io.alphintra.brokersimulator.api;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Fixed-window limits like Binance's: request weight per IP per clock minute, new orders per
 * account per 10 seconds, and a temporary ban for clients that keep going after a 429.
 */
@Component
class RateLimiter {

  private static final long MINUTE = 60_000;
  private static final long TEN_SECONDS = 10_000;

  private final RateLimitProperties limits;
  private final Clock clock;
  private final ConcurrentHashMap<String, WeightWindow> weightByIp = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, OrderWindow> ordersByAccount = new ConcurrentHashMap<>();

  RateLimiter(RateLimitProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Charges the weight or throws 429/418; returns the weight used in the current minute. */
  int chargeWeight(String ip, int weight) {
    WeightWindow window = weightByIp.computeIfAbsent(ip, key -> new WeightWindow());
    long now = clock.millis();
    synchronized (window) {
      if (now < window.bannedUntil) {
        throw ApiException.banned(window.bannedUntil, secondsUntil(now, window.bannedUntil));
      }
      long start = now - now % MINUTE;
      if (window.start != start) {
        window.start = start;
        window.used = 0;
        window.violations = 0;
      }
      if (window.used + weight > limits.requestWeightPerMinute()) {
        window.violations++;
        if (window.violations > limits.banAfterViolations()) {
          window.bannedUntil = now + limits.banSeconds() * 1000L;
          throw ApiException.banned(window.bannedUntil, limits.banSeconds());
        }
        throw ApiException.tooMuchWeight(
            limits.requestWeightPerMinute(), secondsUntil(now, start + MINUTE));
      }
      window.used += weight;
      return window.used;
    }
  }

  /** Counts one new order or throws 429 with -1015; returns the count in the current 10 s. */
  int countOrder(int accountId) {
    OrderWindow window = ordersByAccount.computeIfAbsent(accountId, key -> new OrderWindow());
    long now = clock.millis();
    synchronized (window) {
      long start = now - now % TEN_SECONDS;
      if (window.start != start) {
        window.start = start;
        window.count = 0;
      }
      if (window.count >= limits.ordersPer10Seconds()) {
        throw ApiException.tooManyOrders(
            limits.ordersPer10Seconds(), secondsUntil(now, start + TEN_SECONDS));
      }
      return ++window.count;
    }
  }

  int weightLimit() {
    return limits.requestWeightPerMinute();
  }

  int orderLimit() {
    return limits.ordersPer10Seconds();
  }

  private static long secondsUntil(long now, long until) {
    return Math.max(1, (until - now + 999) / 1000);
  }

  private static final class WeightWindow {
    long start;
    int used;
    int violations;
    long bannedUntil;
  }

  private static final class OrderWindow {
    long start;
    int count;
  }
}
