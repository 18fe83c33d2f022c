package io.alphintra.brokersimulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of an order book: its price levels in a sorted primitive-keyed array with the best level
 * last, and a price-to-level hash index so a level is found without searching the array; the best
 * level and its slot are cached. A level that empties stays in its slot as a vacant one (with its
 * level object, still indexed), so the prices a book keeps returning to cost neither an array shift
 * on the way out nor one on the way back in; vacant slots are dropped when the array fills up.
 */
final class BookSide {

  private final Side side;
  // Ascending keys; a key is the price for bids and minus the price for asks, so best is last.
  private long[] keys = new long[64];
  private PriceLevel[] levels = new PriceLevel[64];
  // False where a slot is vacant: its price had a level that emptied.
  private boolean[] live = new boolean[64];
  private final LongObjectMap<PriceLevel> byPrice = new LongObjectMap<>(64);
  private int count;
  private int vacant;
  private int bestSlot = -1;
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
    PriceLevel known = byPrice.get(priceTicks);
    if (known != null) {
      int slot = known.slot;
      if (!live[slot]) {
        known.init(priceTicks);
        live[slot] = true;
        vacant--;
        becomesLive(slot);
      }
      return known;
    }
    long key = key(priceTicks);
    if (count == keys.length) {
      if (vacant * 4 >= count) {
        dropVacantSlots();
      } else {
        keys = Arrays.copyOf(keys, count * 2);
        levels = Arrays.copyOf(levels, count * 2);
        live = Arrays.copyOf(live, count * 2);
      }
    }
    int insertAt = -search(key) - 1;
    System.arraycopy(keys, insertAt, keys, insertAt + 1, count - insertAt);
    System.arraycopy(levels, insertAt, levels, insertAt + 1, count - insertAt);
    System.arraycopy(live, insertAt, live, insertAt + 1, count - insertAt);
    for (int slot = count; slot > insertAt; slot--) {
      levels[slot].slot = slot;
    }
    PriceLevel level = freeCount == 0 ? new PriceLevel() : freeLevels[--freeCount];
    freeLevels[freeCount] = null;
    level.init(priceTicks);
    level.slot = insertAt;
    keys[insertAt] = key;
    levels[insertAt] = level;
    live[insertAt] = true;
    byPrice.put(priceTicks, level);
    count++;
    if (insertAt <= bestSlot) {
      bestSlot++;
    }
    becomesLive(insertAt);
    return level;
  }

  /** Takes an emptied level out: its slot becomes vacant, the level waits in it for its price. */
  void removeLevel(PriceLevel level) {
    int slot = level.slot;
    if (slot >= count || levels[slot] != level || !live[slot]) {
      throw new IllegalStateException("level " + level.priceTicks + " is not in the " + side);
    }
    live[slot] = false;
    vacant++;
    if (slot == bestSlot) {
      int next = slot - 1;
      while (next >= 0 && !live[next]) {
        next--;
      }
      bestSlot = next;
      best = next < 0 ? null : levels[next];
    }
  }

  /** How many levels hold orders. */
  int levelCount() {
    return count - vacant;
  }

  /**
   * The level {@code rank} places from the best (0 is the best), counting only levels that hold
   * orders; a walk over the slots, for tests. Loops over the book use {@link #bestSlot} and {@link
   * #slot}.
   */
  PriceLevel level(int rank) {
    int seen = 0;
    for (int slot = bestSlot; slot >= 0; slot--) {
      if (live[slot] && seen++ == rank) {
        return levels[slot];
      }
    }
    throw new IndexOutOfBoundsException("level " + rank + " of " + levelCount());
  }

  /** Slots in use, vacant ones included (for tests of the compaction). */
  int slotCount() {
    return count;
  }

  /** The best level's slot, -1 when the side is empty; worse levels have lower slots. */
  int bestSlot() {
    return bestSlot;
  }

  /** The level in {@code slot}, or null when that slot is vacant. */
  PriceLevel slot(int slot) {
    return live[slot] ? levels[slot] : null;
  }

  /** True when a taker limit at {@code takerPrice} on the other side reaches this level. */
  boolean reachableBy(long takerPrice, PriceLevel level) {
    return side == Side.SELL ? level.priceTicks <= takerPrice : level.priceTicks >= takerPrice;
  }

  List<long[]> depth(int maxLevels) {
    List<long[]> out = new ArrayList<>(Math.min(maxLevels, levelCount()));
    for (int slot = bestSlot; slot >= 0 && out.size() < maxLevels; slot--) {
      if (live[slot]) {
        PriceLevel level = levels[slot];
        out.add(new long[] {level.priceTicks, level.totalLots});
      }
    }
    return out;
  }

  private void becomesLive(int slot) {
    if (slot > bestSlot) {
      bestSlot = slot;
      best = levels[slot];
    }
  }

  /** Compacts the array to the levels that hold orders; vacant levels go back to the pool. */
  private void dropVacantSlots() {
    int kept = 0;
    for (int slot = 0; slot < count; slot++) {
      PriceLevel level = levels[slot];
      if (live[slot]) {
        keys[kept] = keys[slot];
        levels[kept] = level;
        live[kept] = true;
        level.slot = kept++;
      } else {
        byPrice.remove(level.priceTicks);
        if (freeCount == freeLevels.length) {
          freeLevels = Arrays.copyOf(freeLevels, freeCount * 2);
        }
        freeLevels[freeCount++] = level;
      }
    }
    Arrays.fill(levels, kept, count, null);
    Arrays.fill(live, kept, count, false);
    count = kept;
    vacant = 0;
    bestSlot = kept - 1;
    best = kept == 0 ? null : levels[kept - 1];
  }

  private long key(long priceTicks) {
    return side == Side.BUY ? priceTicks : -priceTicks;
  }

  /**
   * Binary search over the slots: the index of {@code key}, or -(insertion point) - 1. Branch-free
   * (the step compiles to a conditional move): the ladder's keys are probed in an order no branch
   * predictor can learn, and a mispredicted step costs more than the whole comparison.
   */
  private int search(long key) {
    if (count == 0) {
      return -1;
    }
    // The last slot whose key is at most key, or slot 0 when every key is larger.
    int base = 0;
    for (int n = count; n > 1; ) {
      int half = n >>> 1;
      base = keys[base + half] <= key ? base + half : base;
      n -= half;
    }
    long found = keys[base];
    if (found == key) {
      return base;
    }
    return found < key ? -(base + 2) : -(base + 1);
  }
}
