package io.alphintra.brokersimulator.engine;

/**
 * A map from primitive {@code long} keys to objects: open addressing with linear probing and
 * backward-shift deletion, so lookups never box a key and steady-state puts and removes never
 * allocate (the table only grows). Not thread-safe; null values are not allowed.
 */
final class LongObjectMap<V> {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long[] keys;
  private Object[] values;
  private int mask;
  private int shift;
  private int size;

  LongObjectMap(int expectedSize) {
    int capacity = Integer.highestOneBit(Math.max(4, expectedSize * 2 - 1)) << 1;
    allocate(capacity);
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      Object value = values[slot];
      if (value == null) {
        return null;
      }
      if (keys[slot] == key) {
        return (V) value;
      }
    }
  }

  /** Maps {@code key} to {@code value}; returns the value it replaced, or null. */
  @SuppressWarnings("unchecked")
  V put(long key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null values are not allowed");
    }
    int slot = slot(key);
    for (; values[slot] != null; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        V previous = (V) values[slot];
        values[slot] = value;
        return previous;
      }
    }
    keys[slot] = key;
    values[slot] = value;
    if (++size * 2 > values.length) {
      allocate(values.length * 2);
    }
    return null;
  }

  /** Removes {@code key}; returns the value it had, or null. */
  @SuppressWarnings("unchecked")
  V remove(long key) {
    int slot = slot(key);
    for (; values[slot] != null; slot = (slot + 1) & mask) {
      if (keys[slot] == key) {
        V removed = (V) values[slot];
        closeGap(slot);
        size--;
        return removed;
      }
    }
    return null;
  }

  /**
   * Backward-shift deletion: moves every later entry of the probe run whose home slot is not
   * between the gap and itself into the gap, so no tombstones are needed.
   */
  private void closeGap(int gap) {
    for (int slot = (gap + 1) & mask; values[slot] != null; slot = (slot + 1) & mask) {
      int home = slot(keys[slot]);
      // The entry may move back to the gap unless its home lies cyclically in (gap, slot].
      boolean homeAfterGap =
          gap <= slot ? (gap < home && home <= slot) : (gap < home || home <= slot);
      if (!homeAfterGap) {
        keys[gap] = keys[slot];
        values[gap] = values[slot];
        gap = slot;
      }
    }
    values[gap] = null;
  }

  private int slot(long key) {
    return (int) ((key * GOLDEN) >>> shift);
  }

  private void allocate(int capacity) {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[capacity];
    values = new Object[capacity];
    mask = capacity - 1;
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
    if (oldValues != null) {
      for (int i = 0; i < oldValues.length; i++) {
        if (oldValues[i] != null) {
          int slot = slot(oldKeys[i]);
          while (values[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = oldKeys[i];
          values[slot] = oldValues[i];
        }
      }
    }
  }
}
