package io.alphintra.strategyengine.marketdata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One symbol's order book as the engine observed it: a snapshot from the connector plus the
 * stream's updates on top. Thread-safe.
 */
public final class OrderBook {

  /** One price level. */
  public record Level(BigDecimal price, BigDecimal quantity) {}

  private final NavigableMap<BigDecimal, BigDecimal> bids =
      new TreeMap<>(Collections.reverseOrder());
  private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
  private long lastUpdateId = -1;

  /** Replaces the book with a snapshot taken at {@code updateId}. */
  public synchronized void replace(long updateId, List<Level> bidLevels, List<Level> askLevels) {
    bids.clear();
    asks.clear();
    put(bids, bidLevels);
    put(asks, askLevels);
    lastUpdateId = updateId;
  }

  /**
   * Applies an update unless it is already part of the snapshot; returns whether it was applied.
   * Nothing applies before the first snapshot.
   */
  public synchronized boolean apply(
      long lastIdOfUpdate, List<Level> bidLevels, List<Level> askLevels) {
    if (lastUpdateId < 0 || lastIdOfUpdate <= lastUpdateId) {
      return false;
    }
    put(bids, bidLevels);
    put(asks, askLevels);
    lastUpdateId = lastIdOfUpdate;
    return true;
  }

  /** Forgets the book until the next snapshot (after a gap). */
  public synchronized void invalidate() {
    lastUpdateId = -1;
  }

  public synchronized boolean ready() {
    return lastUpdateId >= 0;
  }

  /** Levels a buy takes liquidity from (asks, lowest first), or a sell (bids, highest first). */
  public synchronized List<Level> oppositeSide(boolean buy) {
    List<Level> levels = new ArrayList<>();
    for (Map.Entry<BigDecimal, BigDecimal> level : (buy ? asks : bids).entrySet()) {
      levels.add(new Level(level.getKey(), level.getValue()));
    }
    return levels;
  }

  /** The best price a buy (best ask) or sell (best bid) would trade at, or null. */
  public synchronized BigDecimal touch(boolean buy) {
    Map.Entry<BigDecimal, BigDecimal> best = buy ? asks.firstEntry() : bids.firstEntry();
    return best == null ? null : best.getKey();
  }

  private static void put(NavigableMap<BigDecimal, BigDecimal> side, List<Level> levels) {
    for (Level level : levels) {
      if (level.quantity().signum() == 0) {
        side.remove(level.price());
      } else {
        side.put(level.price(), level.quantity());
      }
    }
  }
}
