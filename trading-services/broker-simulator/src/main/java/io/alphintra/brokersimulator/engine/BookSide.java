package io.alphintra.brokersimulator.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One side of an order book: price levels sorted best-first. */
final class BookSide {

  private final Side side;
  private final TreeMap<Long, PriceLevel> levels;

  BookSide(Side side) {
    this.side = side;
    this.levels =
        new TreeMap<>(
            side == Side.BUY ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
  }

  Side side() {
    return side;
  }

  PriceLevel best() {
    Map.Entry<Long, PriceLevel> entry = levels.firstEntry();
    return entry == null ? null : entry.getValue();
  }

  PriceLevel levelFor(long priceTicks) {
    return levels.computeIfAbsent(priceTicks, PriceLevel::new);
  }

  void removeLevel(PriceLevel level) {
    levels.remove(level.priceTicks);
  }

  int levelCount() {
    return levels.size();
  }

  /** True when a taker limit at {@code takerPrice} on the other side reaches this level. */
  boolean reachableBy(long takerPrice, PriceLevel level) {
    return side == Side.SELL ? level.priceTicks <= takerPrice : level.priceTicks >= takerPrice;
  }

  Iterable<PriceLevel> bestFirst() {
    return levels.values();
  }

  List<long[]> depth(int maxLevels) {
    List<long[]> out = new ArrayList<>(Math.min(maxLevels, levels.size()));
    for (PriceLevel level : levels.values()) {
      if (out.size() == maxLevels) {
        break;
      }
      out.add(new long[] {level.priceTicks, level.totalLots});
    }
    return out;
  }
}
