package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.engine.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A copy of one symbol's price levels kept from the engine's level changes, so partial depth and
 * book tickers are read without taking the symbol's writer lock. Its update id is the engine's, the
 * same one {@code GET /api/v3/depth} reports as {@code lastUpdateId}.
 */
final class BookMirror {

  private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
  private final TreeMap<Long, Long> asks = new TreeMap<>();
  private long lastUpdateId;

  /** Applies one change; returns the new top of book when the best bid or ask changed. */
  synchronized Top apply(Side side, long priceTicks, long totalLots, long updateId) {
    TreeMap<Long, Long> levels = side == Side.BUY ? bids : asks;
    Map.Entry<Long, Long> bestBefore = levels.firstEntry();
    if (totalLots == 0) {
      levels.remove(priceTicks);
    } else {
      levels.put(priceTicks, totalLots);
    }
    lastUpdateId = updateId;
    Map.Entry<Long, Long> bestAfter = levels.firstEntry();
    boolean changed =
        bestBefore == null
            ? bestAfter != null
            : bestAfter == null
                || !bestBefore.getKey().equals(bestAfter.getKey())
                || !bestBefore.getValue().equals(bestAfter.getValue());
    return changed ? top() : null;
  }

  synchronized Top top() {
    Map.Entry<Long, Long> bid = bids.firstEntry();
    Map.Entry<Long, Long> ask = asks.firstEntry();
    return new Top(
        lastUpdateId,
        bid == null ? 0 : bid.getKey(),
        bid == null ? 0 : bid.getValue(),
        ask == null ? 0 : ask.getKey(),
        ask == null ? 0 : ask.getValue());
  }

  synchronized Depth depth(int maxLevels) {
    return new Depth(lastUpdateId, levels(bids, maxLevels), levels(asks, maxLevels));
  }

  private static List<long[]> levels(TreeMap<Long, Long> side, int maxLevels) {
    List<long[]> out = new ArrayList<>(maxLevels);
    for (Map.Entry<Long, Long> level : side.entrySet()) {
      if (out.size() == maxLevels) {
        break;
      }
      out.add(new long[] {level.getKey(), level.getValue()});
    }
    return out;
  }

  /** Best bid and ask (0 when a side is empty) as of {@code updateId}. */
  record Top(long updateId, long bidTicks, long bidLots, long askTicks, long askLots) {}

  /** The best levels of each side as of {@code lastUpdateId}, {price ticks, lots} best first. */
  record Depth(long lastUpdateId, List<long[]> bids, List<long[]> asks) {}
}
