package io.alphintra.brokersimulator.marketdata;

import io.alphintra.brokersimulator.engine.Instrument;
import io.alphintra.brokersimulator.engine.Trade;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One symbol's tape and candles. The engine's writer appends while request threads read, so every
 * method holds this object's monitor; the work under it is small and bounded by the query limits.
 */
final class SymbolHistory {

  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60_000L;

  private final Instrument instrument;
  private final TradeTape tape;
  private final CandleSeries seconds;
  private final CandleSeries minutes;

  SymbolHistory(Instrument instrument, MarketDataProperties properties) {
    this.instrument = instrument;
    this.tape = new TradeTape(properties.tradeCapacity());
    this.seconds = new CandleSeries(SECOND, properties.secondCandles());
    this.minutes = new CandleSeries(MINUTE, properties.minuteCandles());
  }

  synchronized void add(Trade trade) {
    boolean buyerIsMaker = trade.buyerIsMaker();
    PublicTrade recorded =
        new PublicTrade(
            trade.tradeId(),
            trade.priceTicks(),
            trade.quantityLots(),
            instrument.quoteUnits(trade.priceTicks(), trade.quantityLots()),
            trade.timeMillis(),
            buyerIsMaker,
            buyerIsMaker ? trade.sellerOrderId() : trade.buyerOrderId());
    tape.add(recorded);
    seconds.add(recorded);
    minutes.add(recorded);
  }

  synchronized PublicTrade lastTrade() {
    return tape.newest();
  }

  synchronized List<PublicTrade> recentTrades(int limit) {
    return tape.recentTrades(limit);
  }

  synchronized List<PublicTrade> tradesFrom(long fromId, int limit) {
    return tape.tradesFrom(fromId, limit);
  }

  synchronized List<AggregateTrade> recentAggregates(int limit) {
    return tape.recentAggregates(limit);
  }

  synchronized List<AggregateTrade> aggregatesFrom(long fromId, int limit) {
    return tape.aggregatesFrom(fromId, limit);
  }

  synchronized List<AggregateTrade> aggregatesBetween(long from, long to, int limit) {
    return tape.aggregatesBetween(from, to, limit);
  }

  synchronized List<AggregateTrade> aggregatesUntil(long to, int limit) {
    return tape.aggregatesUntil(to, limit);
  }

  /**
   * Klines opening within [from, to] (from = null: the newest ones up to {@code to}), oldest first,
   * at most {@code limit}; intervals without trades between traded ones repeat the last close.
   */
  synchronized List<Kline> klines(
      KlineInterval interval, ZoneOffset zone, Long from, long to, int limit) {
    CandleSeries source = interval == KlineInterval.SECOND_1 ? seconds : minutes;
    if (from == null) {
      // The newest klines end with the newest traded interval at or before `to`.
      Candle newest = source.atOrBefore(to);
      if (newest == null) {
        return List.of();
      }
      to = newest.openTime;
    }
    long lastOpen = interval.openTime(to, zone);
    long sourceTo = interval.nextOpenTime(lastOpen, zone) - 1;
    long sourceFrom = from != null ? from : lastOpen - (limit + 1L) * interval.maxMillis();
    List<Candle> buckets = new ArrayList<>();
    Candle bucket = null;
    for (Candle candle : source.between(sourceFrom, sourceTo)) {
      long openTime = interval.openTime(candle.openTime, zone);
      if (from != null && openTime < from) {
        continue;
      }
      if (bucket == null || bucket.openTime != openTime) {
        if (from != null && buckets.size() == limit) {
          break;
        }
        bucket = new Candle(openTime, candle);
        buckets.add(bucket);
      } else {
        bucket.merge(candle);
      }
    }
    List<Kline> klines = new ArrayList<>();
    // With a start time, quiet intervals right after it repeat the close of the last trade before.
    Candle lead = from == null ? null : source.before(from);
    long previousOpen = lead == null ? Long.MIN_VALUE : interval.openTime(lead.openTime, zone);
    long previousClose = lead == null ? 0 : lead.close;
    for (Candle candle : buckets) {
      if (previousOpen != Long.MIN_VALUE) {
        long open = interval.nextOpenTime(previousOpen, zone);
        if (from != null && open < from) {
          open = interval.openTime(from, zone);
        }
        for (; open < candle.openTime; open = interval.nextOpenTime(open, zone)) {
          if (from == null || open >= from) {
            klines.add(flat(open, interval.nextOpenTime(open, zone) - 1, previousClose));
          }
        }
      }
      klines.add(candle.toKline(interval.nextOpenTime(candle.openTime, zone) - 1));
      previousOpen = candle.openTime;
      previousClose = candle.close;
    }
    if (klines.size() <= limit) {
      return klines;
    }
    return from != null
        ? List.copyOf(klines.subList(0, limit))
        : List.copyOf(klines.subList(klines.size() - limit, klines.size()));
  }

  /**
   * The UTC kline of {@code interval} containing {@code time}: what {@code klines} answers for that
   * interval, or, when nothing traded in it, a flat one at the last close before; null before the
   * first trade.
   */
  synchronized Kline kline(KlineInterval interval, long time) {
    long open = interval.openTime(time, ZoneOffset.UTC);
    List<Kline> traded = klines(interval, ZoneOffset.UTC, open, open, 1);
    if (!traded.isEmpty()) {
      return traded.get(0);
    }
    Candle before = (interval == KlineInterval.SECOND_1 ? seconds : minutes).before(open);
    return before == null
        ? null
        : flat(open, interval.nextOpenTime(open, ZoneOffset.UTC) - 1, before.close);
  }

  /** Statistics of the minute candles opening at or after {@code openTime}, up to {@code now}. */
  synchronized WindowStatistics window(long openTime, long closeTime) {
    Candle total = null;
    for (Candle candle : minutes.between(Math.floorDiv(openTime, MINUTE) * MINUTE, closeTime)) {
      if (total == null) {
        total = new Candle(openTime, candle);
      } else {
        total.merge(candle);
      }
    }
    Candle before = minutes.before(Math.floorDiv(openTime, MINUTE) * MINUTE);
    PublicTrade last = tape.newest();
    long previousClose = before == null ? 0 : before.close;
    long lastQuantity = last == null ? 0 : last.quantityLots();
    if (total == null) {
      long price = last == null ? 0 : last.priceTicks();
      return new WindowStatistics(
          openTime,
          closeTime,
          price,
          price,
          price,
          price,
          0,
          0,
          -1,
          -1,
          0,
          previousClose,
          lastQuantity);
    }
    return new WindowStatistics(
        openTime,
        closeTime,
        total.open,
        total.high,
        total.low,
        total.close,
        total.volumeLots,
        total.quoteUnits,
        total.firstTradeId,
        total.lastTradeId,
        total.trades,
        previousClose,
        lastQuantity);
  }

  synchronized AveragePrice averagePrice(int minutesBack, long now) {
    long from = Math.floorDiv(now, MINUTE) * MINUTE - (minutesBack - 1L) * MINUTE;
    long quote = 0;
    long lots = 0;
    for (Candle candle : minutes.between(from, now)) {
      quote += candle.quoteUnits;
      lots += candle.volumeLots;
    }
    PublicTrade last = tape.newest();
    if (last == null) {
      return new AveragePrice(minutesBack, 0, 0, 0);
    }
    if (lots == 0) {
      return new AveragePrice(
          minutesBack, instrument.quoteUnits(last.priceTicks(), 1), 1, last.timeMillis());
    }
    return new AveragePrice(minutesBack, quote, lots, last.timeMillis());
  }

  private static Kline flat(long openTime, long closeTime, long price) {
    return new Kline(openTime, closeTime, price, price, price, price, 0, 0, 0, 0, 0, -1, -1);
  }
}
