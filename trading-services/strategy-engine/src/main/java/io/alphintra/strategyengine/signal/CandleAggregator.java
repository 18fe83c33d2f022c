package io.alphintra.strategyengine.signal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Aggregates one symbol's trades into candles of a fixed interval aligned to the epoch (as venues
 * align them). A candle closes when a trade of a later interval arrives or when the clock passes
 * its end; an interval without trades produces no candle.
 */
public final class CandleAggregator {

  private final String symbol;
  private final long intervalMillis;
  private long bucket = Long.MIN_VALUE;
  private BigDecimal open;
  private BigDecimal high;
  private BigDecimal low;
  private BigDecimal close;
  private BigDecimal volume;
  private int trades;

  public CandleAggregator(String symbol, Duration interval) {
    this.symbol = symbol;
    this.intervalMillis = interval.toMillis();
  }

  /** Adds a trade; returns the previous candle if this trade starts a new interval. */
  public synchronized Optional<Candle> onTrade(BigDecimal price, BigDecimal quantity, long timeMs) {
    long tradeBucket = Math.floorDiv(timeMs, intervalMillis);
    if (trades > 0 && tradeBucket < bucket) {
      // A late trade of an interval already closed: the candle it belonged to is gone.
      return Optional.empty();
    }
    Optional<Candle> closed = Optional.empty();
    if (trades > 0 && tradeBucket > bucket) {
      closed = Optional.of(closeCurrent());
    }
    if (trades == 0) {
      bucket = tradeBucket;
      open = price;
      high = price;
      low = price;
      volume = BigDecimal.ZERO;
    }
    high = high.max(price);
    low = low.min(price);
    close = price;
    volume = volume.add(quantity);
    trades++;
    return closed;
  }

  /** Closes the current candle if {@code nowMs} is past its interval. */
  public synchronized Optional<Candle> closeIfDue(long nowMs) {
    if (trades > 0 && nowMs >= (bucket + 1) * intervalMillis) {
      return Optional.of(closeCurrent());
    }
    return Optional.empty();
  }

  private Candle closeCurrent() {
    Candle candle =
        new Candle(
            symbol,
            Instant.ofEpochMilli(bucket * intervalMillis),
            open,
            high,
            low,
            close,
            volume,
            trades);
    trades = 0;
    return candle;
  }
}
