package io.alphintra.strategyengine.execution;

import java.math.BigDecimal;

/**
 * Where the engine's orders go: simulated against the observed book ({@link PaperVenue}) or through
 * trading-api ({@link io.alphintra.strategyengine.execution.live.LiveVenue}). Fills come back to
 * the fill sink the venue was built with, so positions and PnL are kept by the same code in both
 * modes.
 */
public interface OrderVenue {

  /** What became of a submitted order. */
  enum Outcome {
    /** Filled (at least in part) at once. */
    FILLED,
    /** Accepted and open; fills come later. */
    ACCEPTED,
    /** Refused; nothing will fill. */
    REJECTED,
    /** Not established (the service did not answer); the next poll finds out. */
    UNKNOWN
  }

  /** Gets ready to trade (Live: token, account, positions and open orders from trading-api). */
  default void start() {}

  Outcome submit(OrderIntent intent);

  /** Cancels every open order of the strategy. */
  void cancelAll();

  /** Orders placed and not yet finished. */
  int openOrders();

  /** Signed base quantity of open orders in {@code symbol} still to fill. */
  BigDecimal pendingQuantity(String symbol);

  /** Reads order states and fills back (Live); nothing for Paper. */
  default void poll() {}
}
