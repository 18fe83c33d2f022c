package io.alphintra.tradingapi.risk;

import io.alphintra.tradingapi.account.Account;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * New orders per account in the last second (sliding window), held in this process: with more than
 * one trading-api replica each enforces the limit on its own share.
 */
@Component
public class OrderRateLimiter {

  private final Clock clock;
  private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();

  OrderRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Takes one order of the account's rate, or says why not. */
  public Optional<RiskRejection> acquire(Account account) {
    Integer limit = account.limits().maxOrdersPerSecond();
    if (limit == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    Deque<Long> window = recent.computeIfAbsent(account.id(), id -> new ArrayDeque<>());
    synchronized (window) {
      while (!window.isEmpty() && window.peekFirst() <= now - 1000) {
        window.pollFirst();
      }
      if (window.size() >= limit) {
        return Optional.of(
            new RiskRejection(
                RiskReason.ORDER_RATE,
                limit + "/s",
                (window.size() + 1) + "/s",
                "account "
                    + account.id()
                    + " placed "
                    + window.size()
                    + " orders in the last second; the order rate limit is "
                    + limit
                    + " per second: slow down and retry"));
      }
      window.addLast(now);
      return Optional.empty();
    }
  }
}
