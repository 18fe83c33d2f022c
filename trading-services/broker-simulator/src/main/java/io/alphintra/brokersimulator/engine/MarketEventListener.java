package io.alphintra.brokersimulator.engine;

/**
 * Receives market and order events from a matching engine, on the engine's writer thread; every
 * event is ignored unless a listener overrides it.
 */
public interface MarketEventListener {

  MarketEventListener NONE = new MarketEventListener() {};

  default void onTrade(Trade trade) {}

  /** A price level's total quantity changed; zero means the level is gone. */
  default void onLevelChanged(
      String symbol, Side side, long priceTicks, long totalLots, long updateId) {}

  /** The taker of one command stopped matching: the trades since the previous call were its. */
  default void onMatchEnded(String symbol) {}

  /**
   * Whether {@link #onOrderUpdate} wants this account's orders; asked before any update is built,
   * so accounts nobody follows (the simulated participants) cost one call and no allocation.
   */
  default boolean followsAccount(int accountId) {
    return false;
  }

  /** An order of a followed account was accepted, traded, amended, canceled or expired. */
  default void onOrderUpdate(OrderUpdate update) {}
}
