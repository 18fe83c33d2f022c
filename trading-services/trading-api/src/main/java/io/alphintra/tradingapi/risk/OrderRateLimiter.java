package io.alphintra.tradingapi.risk;

import io.alphintra.tradingapi.account.Account;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * New orders per account in the last second (sliding window), counted in the database while the
 * placement holds the account's row lock: every trading-api replica sees the others' orders, so the
 * limit holds for the account, however many replicas place for it.
 */
@Component
public class OrderRateLimiter {

  private final RecentOrders recent;
  private final Clock clock;

  OrderRateLimiter(RecentOrders recent, Clock clock) {
    this.recent = recent;
    this.clock = clock;
  }

  /**
   * Whether one more order fits the account's rate, or why not. Call it inside the placement's
   * transaction, after the account row is locked, so concurrent placements count each other.
   */
  public Optional<RiskRejection> acquire(Account account) {
    Integer limit = account.limits().maxOrdersPerSecond();
    if (limit == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    int placed = recent.createdAfter(account.id(), now.minusSeconds(1));
    if (placed < limit) {
      return Optional.empty();
    }
    return Optional.of(
        new RiskRejection(
            RiskReason.ORDER_RATE,
            limit + "/s",
            (placed + 1) + "/s",
            "account "
                + account.id()
                + " placed "
                + placed
                + " orders in the last second; the order rate limit is "
                + limit
                + " per second: slow down and retry"));
  }
}
