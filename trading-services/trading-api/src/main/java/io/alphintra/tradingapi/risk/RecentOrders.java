package io.alphintra.tradingapi.risk;

import java.time.Instant;

/** The orders an account placed recently, as the database has them (every replica's). */
public interface RecentOrders {

  /** How many orders of the account were created after {@code since}. */
  int createdAfter(String accountId, Instant since);
}
