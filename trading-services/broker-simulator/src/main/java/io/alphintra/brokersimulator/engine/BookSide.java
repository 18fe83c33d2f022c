package io.alphintra.brokersimulator.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of an order book: its price levels in a sorted primitive-keyed array with the best level
 * last, and a price-to-level hash index so a level is found without searching the array; the best
 * level and its slot are cached. A level that empties stays in its slot as a vacant one (with its
 * level object, still indexed), so the prices a book keeps returning to cost neither an array shift
 * on the way out nor one on the way back in.
 *
 * <p>A price new to the side gets a slot of its own while the array has room. Once it is full, the
 * new price takes over the vacant slot nearest to where it belongs: the slots in between shift one
 * step toward it, and the vacant level leaves the index and becomes the new price's level. Only
 * when fewer than a quarter of the slots are vacant does the array double. So nothing ever compacts
 * the array (no command pays for the vacant slots of many others; on the benchmark stream a
 * compaction of a 256-slot side was a stall of 40-80 µs) and a new price shifts only as far as the
 * nearest vacant slot; the vacant slots kept are the prices the book returns to (on the benchmark
 * stream ~97% of the prices placed or moved to that had no live level had a vacant one).
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
    // Where the key belongs: after every smaller key, before every larger one.
    int insertAt = -search(key) - 1;
    int slot =
        count == keys.length && vacant * 4 >= count
            ? takeNearestVacantSlot(insertAt)
            : insertIntoNewSlot(insertAt);
    PriceLevel level = levels[slot].init(priceTicks);
    keys[slot] = key;
    live[slot] = true;
    byPrice.put(priceTicks, level);
    becomesLive(slot);
    return level;
  }

  /**
   * Opens a slot at {@code insertAt} by shifting the slots above it up into a new one at the end
   * (the array grows when full); returns it, holding a new level.
   */
  private int insertIntoNewSlot(int insertAt) {
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, count * 2);
      levels = Arrays.copyOf(levels, count * 2);
      live = Arrays.copyOf(live, count * 2);
    }
    shiftUp(insertAt, count);
    levels[insertAt] = new PriceLevel();
    levels[insertAt].slot = insertAt;
    count++;
    return insertAt;
  }

  /**
   * Frees a slot for a key that belongs at {@code insertAt} by shifting the slots between it and
   * the nearest vacant slot (below first on a tie) one step toward the vacant one; returns the
   * freed slot, holding the vacant level, which leaves the index.
   */
  private int takeNearestVacantSlot(int insertAt) {
    int below = insertAt - 1;
    while (below >= 0 && live[below]) {
      below--;
    }
    int above = insertAt;
    while (above < count && live[above]) {
      above++;
    }
    boolean takeBelow = below >= 0 && (above == count || insertAt - 1 - below <= above - insertAt);
    int vacantSlot = takeBelow ? below : above;
    PriceLevel reused = levels[vacantSlot];
    byPrice.remove(reused.priceTicks);
    vacant--;
    if (takeBelow) {
      // Slots (below, insertAt) move down one; the key goes just under insertAt.
      int slot = insertAt - 1;
      System.arraycopy(keys, below + 1, keys, below, slot - below);
      System.arraycopy(levels, below + 1, levels, below, slot - below);
      System.arraycopy(live, below + 1, live, below, slot - below);
      for (int moved = below; moved < slot; moved++) {
        levels[moved].slot = moved;
      }
      if (bestSlot > below && bestSlot <= slot) {
        bestSlot--;
      }
      levels[slot] = reused;
      reused.slot = slot;
      return slot;
    }
    shiftUp(insertAt, above);
    levels[insertAt] = reused;
    reused.slot = insertAt;
    return insertAt;
  }

  /**
   * Moves slots [from, to) up by one (slot {@code to} is overwritten) and keeps bestSlot on its
   * level.
   */
  private void shiftUp(int from, int to) {
    System.arraycopy(keys, from, keys, from + 1, to - from);
    System.arraycopy(levels, from, levels, from + 1, to - from);
    System.arraycopy(live, from, live, from + 1, to - from);
    for (int moved = from + 1; moved <= to; moved++) {
      levels[moved].slot = moved;
    }
    if (bestSlot >= from && bestSlot < to) {
      bestSlot++;
    }
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

  /** Slots in use, vacant ones included (for tests of the slot reuse). */
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
