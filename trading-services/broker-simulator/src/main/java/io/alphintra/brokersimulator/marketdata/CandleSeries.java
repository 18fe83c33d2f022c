package io.alphintra.brokersimulator.marketdata;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Candles of one fixed base interval (a second or a minute), keeping the newest {@code capacity}.
 */
final class CandleSeries {

  private final long intervalMillis;
  private final int capacity;
  private final TreeMap<Long, Candle> candles = new TreeMap<>();
  private Candle latest;

  CandleSeries(long intervalMillis, int capacity) {
    this.intervalMillis = intervalMillis;
    this.capacity = capacity;
  }

  void add(PublicTrade trade) {
    long openTime = Math.floorDiv(trade.timeMillis(), intervalMillis) * intervalMillis;
    if (latest != null && latest.openTime >= openTime) {
      // Same candle, or a clock that stepped back a little: never reorder the tape.
      latest.add(trade);
      return;
    }
    latest = new Candle(openTime, trade);
    candles.put(openTime, latest);
    if (candles.size() > capacity) {
      candles.pollFirstEntry();
    }
  }

  /** Candles opening within [from, to], oldest first. */
  Collection<Candle> between(long from, long to) {
    return from > to ? java.util.List.of() : candles.subMap(from, true, to, true).values();
  }

  /** The newest candle opening at or before {@code time}, or null. */
  Candle atOrBefore(long time) {
    Map.Entry<Long, Candle> entry = candles.floorEntry(time);
    return entry == null ? null : entry.getValue();
  }

  /** The newest candle opening before {@code time}, or null. */
  Candle before(long time) {
    Map.Entry<Long, Candle> entry = candles.lowerEntry(time);
    return entry == null ? null : entry.getValue();
  }
}
