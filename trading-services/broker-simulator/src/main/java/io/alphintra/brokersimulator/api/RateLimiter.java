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
  private static final long FIVE_MINUTES = 5 * MINUTE;
  private static final long DAY = 24 * 60 * MINUTE;

  private final RateLimitProperties limits;
  private final Clock clock;
  private final ConcurrentHashMap<String, WeightWindow> weightByIp = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, OrderWindow> ordersByAccount = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, OrderWindow> rawRequestsByIp = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, OrderWindow> dailyOrdersByAccount =
      new ConcurrentHashMap<>();

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

  /** Counts one request against RAW_REQUESTS (per IP per 5 minutes) or throws 429 with -1003. */
  void countRawRequest(String ip) {
    OrderWindow window = rawRequestsByIp.computeIfAbsent(ip, key -> new OrderWindow());
    long now = clock.millis();
    synchronized (window) {
      long start = now - now % FIVE_MINUTES;
      if (window.start != start) {
        window.start = start;
        window.count = 0;
      }
      if (window.count >= limits.rawRequestsPer5Minutes()) {
        throw ApiException.tooManyRawRequests(
            limits.rawRequestsPer5Minutes(), secondsUntil(now, start + FIVE_MINUTES));
      }
      window.count++;
    }
  }

  /**
   * Counts one new order against both ORDERS limits (10 s and day) or throws 429 with -1015;
   * returns the counts in the current windows.
   */
  OrderCounts countOrder(int accountId) {
    OrderWindow tenSeconds = ordersByAccount.computeIfAbsent(accountId, key -> new OrderWindow());
    OrderWindow day = dailyOrdersByAccount.computeIfAbsent(accountId, key -> new OrderWindow());
    long now = clock.millis();
    synchronized (tenSeconds) {
      synchronized (day) {
        long start = now - now % TEN_SECONDS;
        if (tenSeconds.start != start) {
          tenSeconds.start = start;
          tenSeconds.count = 0;
        }
        long dayStart = now - now % DAY;
        if (day.start != dayStart) {
          day.start = dayStart;
          day.count = 0;
        }
        if (tenSeconds.count >= limits.ordersPer10Seconds()) {
          throw ApiException.tooManyOrders(
              limits.ordersPer10Seconds(), secondsUntil(now, start + TEN_SECONDS));
        }
        if (day.count >= limits.ordersPerDay()) {
          throw ApiException.tooManyOrdersPerDay(
              limits.ordersPerDay(), secondsUntil(now, dayStart + DAY));
        }
        return new OrderCounts(++tenSeconds.count, ++day.count);
      }
    }
  }

  /** New orders counted in the current 10-second and day windows. */
  record OrderCounts(int tenSeconds, int day) {}

  RateLimitProperties limits() {
    return limits;
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
