package io.alphintra.brokersimulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of an order book: its price levels in a sorted primitive-keyed array with the best level
 * last, so the levels near the top of the book (where almost all changes happen) move few entries;
 * the best level is cached. Emptied levels go back to a pool.
 */
final class BookSide {

  private final Side side;
  // Ascending keys; a key is the price for bids and minus the price for asks, so best is last.
  private long[] keys = new long[64];
  private PriceLevel[] levels = new PriceLevel[64];
  private int count;
  private PriceLevel best;
  private PriceLevel[] freeLevels = new PriceLevel[64];
  private int freeCount;

  BookSide(Side side) {
    this.side = side;
  }

  Side side() {
    return side;
  }

  /** The best level, or null when the side is empty; cached, never searched. */
  PriceLevel best() {
    return best;
  }

  PriceLevel levelFor(long priceTicks) {
    long key = key(priceTicks);
    int index = search(key);
    if (index >= 0) {
      return levels[index];
    }
    int insertAt = -index - 1;
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, count * 2);
      levels = Arrays.copyOf(levels, count * 2);
    }
    System.arraycopy(keys, insertAt, keys, insertAt + 1, count - insertAt);
    System.arraycopy(levels, insertAt, levels, insertAt + 1, count - insertAt);
    PriceLevel level = freeCount == 0 ? new PriceLevel() : freeLevels[--freeCount];
    level.init(priceTicks);
    keys[insertAt] = key;
    levels[insertAt] = level;
    count++;
    best = levels[count - 1];
    return level;
  }

  void removeLevel(PriceLevel level) {
    int index = search(key(level.priceTicks));
    if (index < 0 || levels[index] != level) {
      throw new IllegalStateException("level " + level.priceTicks + " is not in the " + side);
    }
    System.arraycopy(keys, index + 1, keys, index, count - index - 1);
    System.arraycopy(levels, index + 1, levels, index, count - index - 1);
    count--;
    levels[count] = null;
    best = count == 0 ? null : levels[count - 1];
    if (freeCount == freeLevels.length) {
      freeLevels = Arrays.copyOf(freeLevels, freeCount * 2);
    }
    freeLevels[freeCount++] = level;
  }

  int levelCount() {
    return count;
  }

  /** The level {@code rank} places from the best (0 is the best). */
  PriceLevel level(int rank) {
    return levels[count - 1 - rank];
  }

  /** True when a taker limit at {@code takerPrice} on the other side reaches this level. */
  boolean reachableBy(long takerPrice, PriceLevel level) {
    return side == Side.SELL ? level.priceTicks <= takerPrice : level.priceTicks >= takerPrice;
  }

  List<long[]> depth(int maxLevels) {
    int n = Math.min(maxLevels, count);
    List<long[]> out = new ArrayList<>(n);
    for (int rank = 0; rank < n; rank++) {
      PriceLevel level = level(rank);
      out.add(new long[] {level.priceTicks, level.totalLots});
    }
    return out;
  }

  private long key(long priceTicks) {
    return side == Side.BUY ? priceTicks : -priceTicks;
  }

  /** Binary search from the best end: the index of {@code key}, or -(insertion point) - 1. */
  private int search(long key) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long midKey = keys[mid];
      if (midKey < key) {
        low = mid + 1;
      } else if (midKey > key) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }
}
