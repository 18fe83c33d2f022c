package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.engine.Instrument;
import io.alphintra.brokersimulator.engine.Trade;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The minimal in-memory {@link TradeStatistics}: the open and the last closed candle of every
 * interval, plus one bucket per minute for the rolling 24-hour and 5-minute windows (so those
 * windows have minute granularity, as Binance's rolling windows do).
 */
public final class TapeStatistics implements TradeStatistics {

  private static final long MINUTE = 60_000;
  private static final int DAY_MINUTES = 1440;
  private static final int AVERAGE_MINUTES = 5;

  private final Map<String, SymbolTape> tapes = new HashMap<>();

  public TapeStatistics(List<Instrument> instruments) {
    instruments.forEach(instrument -> tapes.put(instrument.symbol(), new SymbolTape(instrument)));
  }

  @Override
  public void record(Trade trade) {
    SymbolTape tape = tapes.get(trade.symbol());
    if (tape != null) {
      tape.record(trade);
    }
  }

  @Override
  public Optional<Candle> candle(String symbol, KlineInterval interval, long timeMillis) {
    SymbolTape tape = tapes.get(symbol);
    return tape == null ? Optional.empty() : tape.candle(interval, timeMillis);
  }

  @Override
  public Optional<RollingWindow> rolling24h(String symbol, long timeMillis) {
    SymbolTape tape = tapes.get(symbol);
    return tape == null ? Optional.empty() : tape.rolling24h(timeMillis);
  }

  @Override
  public Optional<RollingWindow> rolling(String symbol, long windowMillis, long timeMillis) {
    if (windowMillis <= 0 || windowMillis > DAY_MINUTES * MINUTE) {
      throw new IllegalArgumentException("windows are kept for up to a day, not " + windowMillis);
    }
    SymbolTape tape = tapes.get(symbol);
    long firstMinute = Math.floorDiv(timeMillis - windowMillis, MINUTE);
    return tape == null
        ? Optional.empty()
        : tape.rolling(timeMillis, firstMinute, firstMinute * MINUTE);
  }

  @Override
  public Optional<AveragePrice> averagePrice(String symbol, long timeMillis) {
    SymbolTape tape = tapes.get(symbol);
    return tape == null ? Optional.empty() : tape.averagePrice(timeMillis);
  }

  /** Aggregates of one run of trades: a candle or a minute bucket. */
  private static final class Aggregate {
    long openTime;
    long firstTradeId = -1;
    long lastTradeId = -1;
    long open;
    long high;
    long low;
    long close;
    long volumeLots;
    long quoteUnits;
    long trades;
    long takerBuyLots;
    long takerBuyQuoteUnits;

    Aggregate(long openTime, long price) {
      this.openTime = openTime;
      this.open = price;
      this.high = price;
      this.low = price;
      this.close = price;
    }

    void add(Trade trade, long quote) {
      if (trades == 0) {
        firstTradeId = trade.tradeId();
        open = trade.priceTicks();
        high = trade.priceTicks();
        low = trade.priceTicks();
      }
      lastTradeId = trade.tradeId();
      high = Math.max(high, trade.priceTicks());
      low = Math.min(low, trade.priceTicks());
      close = trade.priceTicks();
      volumeLots += trade.quantityLots();
      quoteUnits += quote;
      trades++;
      if (!trade.buyerIsMaker()) {
        takerBuyLots += trade.quantityLots();
        takerBuyQuoteUnits += quote;
      }
    }

    Candle candle(KlineInterval interval) {
      return new Candle(
          openTime,
          interval.closeTime(openTime),
          firstTradeId,
          lastTradeId,
          open,
          high,
          low,
          close,
          volumeLots,
          quoteUnits,
          trades,
          takerBuyLots,
          takerBuyQuoteUnits);
    }
  }

  private static final class SymbolTape {
    final Instrument instrument;
    final Aggregate[] current = new Aggregate[KlineInterval.values().length];
    final Aggregate[] previous = new Aggregate[KlineInterval.values().length];
    // Two spare slots keep the bucket just before the 24-hour window: it holds the previous close.
    final Aggregate[] minutes = new Aggregate[DAY_MINUTES + 2];
    long lastTicks;
    long lastLots;
    long lastTradeTime;
    boolean traded;

    SymbolTape(Instrument instrument) {
      this.instrument = instrument;
    }

    synchronized void record(Trade trade) {
      long quote = instrument.quoteUnits(trade.priceTicks(), trade.quantityLots());
      long time = trade.timeMillis();
      for (KlineInterval interval : KlineInterval.values()) {
        int i = interval.ordinal();
        long open = interval.openTime(time);
        if (current[i] == null || current[i].openTime < open) {
          previous[i] = current[i];
          current[i] = new Aggregate(open, trade.priceTicks());
        }
        current[i].add(trade, quote);
      }
      long minute = Math.floorDiv(time, MINUTE);
      int slot = (int) Math.floorMod(minute, (long) minutes.length);
      if (minutes[slot] == null || minutes[slot].openTime != minute) {
        minutes[slot] = new Aggregate(minute, trade.priceTicks());
      }
      minutes[slot].add(trade, quote);
      lastTicks = trade.priceTicks();
      lastLots = trade.quantityLots();
      lastTradeTime = time;
      traded = true;
    }

    synchronized Optional<Candle> candle(KlineInterval interval, long time) {
      int i = interval.ordinal();
      if (current[i] == null) {
        return Optional.empty();
      }
      long open = interval.openTime(time);
      if (current[i].openTime == open) {
        return Optional.of(current[i].candle(interval));
      }
      if (previous[i] != null && previous[i].openTime == open) {
        return Optional.of(previous[i].candle(interval));
      }
      if (open < current[i].openTime) {
        // A quiet interval between the last two traded ones, or older than anything kept.
        return previous[i] != null && open > previous[i].openTime
            ? Optional.of(new Aggregate(open, previous[i].close).candle(interval))
            : Optional.empty();
      }
      Aggregate empty = new Aggregate(open, current[i].close);
      return Optional.of(empty.candle(interval));
    }

    synchronized Optional<RollingWindow> rolling24h(long time) {
      return rolling(time, Math.floorDiv(time, MINUTE) - DAY_MINUTES, time - 86_400_000L);
    }

    synchronized Optional<RollingWindow> rolling(long time, long firstMinute, long openTime) {
      if (!traded) {
        return Optional.empty();
      }
      long nowMinute = Math.floorDiv(time, MINUTE);
      Aggregate window = null;
      for (long minute = firstMinute; minute <= nowMinute; minute++) {
        Aggregate bucket = bucket(minute);
        if (bucket == null) {
          continue;
        }
        if (window == null) {
          window = new Aggregate(minute, bucket.open);
          window.firstTradeId = bucket.firstTradeId;
          window.high = bucket.high;
          window.low = bucket.low;
        }
        window.lastTradeId = bucket.lastTradeId;
        window.high = Math.max(window.high, bucket.high);
        window.low = Math.min(window.low, bucket.low);
        window.close = bucket.close;
        window.volumeLots += bucket.volumeLots;
        window.quoteUnits += bucket.quoteUnits;
        window.trades += bucket.trades;
      }
      // The last price before the window: the newest bucket still kept that precedes it.
      long prevClose = 0;
      for (long minute = firstMinute - 1; minute > nowMinute - minutes.length; minute--) {
        Aggregate bucket = bucket(minute);
        if (bucket != null) {
          prevClose = bucket.close;
          break;
        }
      }
      if (window == null) {
        window = new Aggregate(firstMinute, lastTicks);
      }
      return Optional.of(
          new RollingWindow(
              openTime,
              time,
              window.firstTradeId,
              window.lastTradeId,
              window.trades,
              window.open,
              window.high,
              window.low,
              lastTicks,
              lastLots,
              window.volumeLots,
              window.quoteUnits,
              prevClose));
    }

    /** The bucket of that minute, or null when nothing traded in it or it is no longer kept. */
    private Aggregate bucket(long minute) {
      Aggregate bucket = minutes[(int) Math.floorMod(minute, (long) minutes.length)];
      return bucket != null && bucket.openTime == minute ? bucket : null;
    }

    synchronized Optional<AveragePrice> averagePrice(long time) {
      if (!traded) {
        return Optional.empty();
      }
      long nowMinute = Math.floorDiv(time, MINUTE);
      long volume = 0;
      long quote = 0;
      for (long minute = nowMinute - AVERAGE_MINUTES + 1; minute <= nowMinute; minute++) {
        Aggregate bucket = minutes[(int) Math.floorMod(minute, (long) minutes.length)];
        if (bucket != null && bucket.openTime == minute) {
          volume += bucket.volumeLots;
          quote += bucket.quoteUnits;
        }
      }
      return Optional.of(new AveragePrice(volume, quote, lastTicks, lastTradeTime));
    }
  }
}
