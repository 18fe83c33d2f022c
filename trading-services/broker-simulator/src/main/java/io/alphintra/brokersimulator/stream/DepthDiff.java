package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.engine.Side;
import java.util.Map;
import java.util.TreeMap;

/**
 * Level changes of one symbol accumulated between two depth events; a level that changed several
 * times is sent once with its latest quantity, as Binance's diff stream does.
 */
final class DepthDiff {

  private TreeMap<Long, Long> bids = new TreeMap<>();
  private TreeMap<Long, Long> asks = new TreeMap<>();
  private long firstUpdateId;
  private long lastUpdateId;

  synchronized void record(Side side, long priceTicks, long totalLots, long updateId) {
    if (bids.isEmpty() && asks.isEmpty()) {
      firstUpdateId = updateId;
    }
    (side == Side.BUY ? bids : asks).put(priceTicks, totalLots);
    lastUpdateId = updateId;
  }

  /** Takes the accumulated changes and starts over; null when nothing changed. */
  synchronized Batch drain() {
    if (bids.isEmpty() && asks.isEmpty()) {
      return null;
    }
    Batch batch = new Batch(firstUpdateId, lastUpdateId, bids.descendingMap(), asks);
    bids = new TreeMap<>();
    asks = new TreeMap<>();
    return batch;
  }

  /** Changes between two update ids, bids best (highest) first, asks best (lowest) first. */
  record Batch(long firstUpdateId, long lastUpdateId, Map<Long, Long> bids, Map<Long, Long> asks) {}
}
