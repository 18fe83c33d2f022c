package io.alphintra.strategyengine.marketdata;

import java.math.BigDecimal;

/** What the engine hears from the market-data feed. */
public interface MarketListener {

  /** A trade on the venue at venue time {@code timeMillis}. */
  void onTrade(String symbol, BigDecimal price, BigDecimal quantity, long timeMillis);

  /** The order book of {@code symbol} changed (snapshot or update). */
  default void onBook(String symbol) {}
}
