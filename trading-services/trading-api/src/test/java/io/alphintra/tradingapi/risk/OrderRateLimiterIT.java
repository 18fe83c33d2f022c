package io.alphintra.tradingapi.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.OwnerType;
import io.alphintra.tradingapi.account.RiskLimits;
import io.alphintra.tradingapi.order.Orders;
import io.alphintra.tradingapi.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The order rate is counted in the database: orders any replica placed count, within a sliding
 * second.
 */
class OrderRateLimiterIT {

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
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  private JdbcClient jdbc;
  private RecentOrders recent;

  @BeforeEach
  void freshSchema() {
    jdbc = JdbcClient.create(TestDatabase.migratedSchema());
    jdbc.sql(
            "INSERT INTO account (id, owner_type, owner_id, broker_connection) VALUES (?, 'USER',"
                + " 'u', 'c')")
        .param(TWO_PER_SECOND.id())
        .update();
    recent = new Orders(jdbc);
  }

  @Test
  void ordersOfTheLastSecondFromAnyReplicaCountAndOlderOnesDoNot() {
    OrderRateLimiter limiter = limiterAt(NOW);
    placedAt(NOW.minusMillis(1000)); // just outside the window
    assertThat(limiter.acquire(TWO_PER_SECOND)).isEmpty();

    placedAt(NOW.minusMillis(999));
    assertThat(limiter.acquire(TWO_PER_SECOND)).as("one in the window").isEmpty();
    placedAt(NOW.minusMillis(10)); // e.g. by another replica

    assertThat(limiter.acquire(TWO_PER_SECOND))
        .hasValueSatisfying(
            rejection -> {
              assertThat(rejection.reason()).isEqualTo(RiskReason.ORDER_RATE);
              assertThat(rejection.limit()).isEqualTo("2/s");
              assertThat(rejection.value()).isEqualTo("3/s");
              assertThat(rejection.message()).contains("2 per second", "placed 2 orders");
            });
    assertThat(limiterAt(NOW.plusMillis(1)).acquire(TWO_PER_SECOND))
        .as("the older order left the window")
        .isEmpty();
  }

  @Test
  void withoutALimitNothingIsCounted() {
    Account unlimited =
        new Account("acc-1", OwnerType.USER, "u", "c", RiskLimits.NONE, false, null, null, null);
    for (int i = 0; i < 5; i++) {
      placedAt(NOW);
    }
    RecentOrders never =
        (account, since) -> {
          throw new AssertionError("an account without a rate limit needs no count");
        };

    assertThat(new OrderRateLimiter(never, Clock.fixed(NOW, ZoneOffset.UTC)).acquire(unlimited))
        .isEmpty();
  }

  private OrderRateLimiter limiterAt(Instant now) {
    return new OrderRateLimiter(recent, Clock.fixed(now, ZoneOffset.UTC));
  }

  private void placedAt(Instant createdAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            "INSERT INTO trade_order (id, account_id, client_order_id, venue_client_order_id,"
                + " broker_connection, symbol, side, type, quantity, status, placed_by, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, 'c', 'BTCUSDT', 'BUY', 'MARKET', 1, 'NEW', 'u',"
                + " ?, ?)")
        .param(UUID.fromString(id))
        .param(TWO_PER_SECOND.id())
        .param(id)
        .param(id)
        .param(Timestamp.from(createdAt))
        .param(Timestamp.from(createdAt))
        .update();
  }
}
