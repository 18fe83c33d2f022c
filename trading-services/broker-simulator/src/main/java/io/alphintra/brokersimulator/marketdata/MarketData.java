package io.alphintra.brokersimulator.marketdata;

import io.alphintra.brokersimulator.engine.Instrument;
import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.Trade;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public history of every listed symbol, recorded from the engines' trades: the tape behind
 * {@code trades}/{@code aggTrades}, the candles behind {@code klines}, and the rolling statistics
 * behind the tickers and {@code avgPrice}, for the REST endpoints and the market streams alike.
 */
public final class MarketData implements MarketEventListener {

  private static final long MINUTE = 60_000L;

  private final Map<String, SymbolHistory> symbols = new HashMap<>();

  public MarketData(List<Instrument> instruments, MarketDataProperties properties) {
    for (Instrument instrument : instruments) {
      symbols.put(instrument.symbol(), new SymbolHistory(instrument, properties));
    }
  }

  @Override
  public void onTrade(Trade trade) {
    history(trade.symbol()).add(trade);
  }

  /** The latest trade, or null before the first. */
  public PublicTrade lastTrade(String symbol) {
    return history(symbol).lastTrade();
  }

  public List<PublicTrade> recentTrades(String symbol, int limit) {
    return history(symbol).recentTrades(limit);
  }

  public List<PublicTrade> tradesFrom(String symbol, long fromId, int limit) {
    return history(symbol).tradesFrom(fromId, limit);
  }

  public List<AggregateTrade> recentAggregateTrades(String symbol, int limit) {
    return history(symbol).recentAggregates(limit);
  }

  public List<AggregateTrade> aggregateTradesFrom(String symbol, long fromId, int limit) {
    return history(symbol).aggregatesFrom(fromId, limit);
  }

  public List<AggregateTrade> aggregateTradesBetween(
      String symbol, long fromTime, long toTime, int limit) {
    return history(symbol).aggregatesBetween(fromTime, toTime, limit);
  }

  /** The newest {@code limit} aggregate trades at or before {@code toTime}, oldest first. */
  public List<AggregateTrade> aggregateTradesUntil(String symbol, long toTime, int limit) {
    return history(symbol).aggregatesUntil(toTime, limit);
  }

  /**
   * Klines of an interval in a time zone: with {@code startTime} the first {@code limit} opening at
   * or after it, otherwise the newest {@code limit} opening at or before {@code endTime}.
   */
  public List<Kline> klines(
      String symbol,
      KlineInterval interval,
      ZoneOffset zone,
      Long startTime,
      long endTime,
      int limit) {
    return history(symbol).klines(interval, zone, startTime, endTime, limit);
  }

  /** The UTC kline containing {@code time}, as {@code klines} has it; null before any trade. */
  public Kline kline(String symbol, KlineInterval interval, long time) {
    return history(symbol).kline(interval, time);
  }

  /** Statistics from {@code openTime} (rounded down to its minute) to {@code closeTime}. */
  public WindowStatistics window(String symbol, long openTime, long closeTime) {
    return history(symbol).window(openTime, closeTime);
  }

  /**
   * A rolling window as Binance counts it: from the start of the minute {@code windowMillis} before
   * {@code now}, to {@code now}.
   */
  public WindowStatistics rollingWindow(String symbol, long windowMillis, long now) {
    long openTime = Math.floorDiv(now - windowMillis, MINUTE) * MINUTE;
    return history(symbol).window(openTime, now);
  }

  public AveragePrice averagePrice(String symbol, int minutes, long now) {
    return history(symbol).averagePrice(minutes, now);
  }

  private SymbolHistory history(String symbol) {
    SymbolHistory history = symbols.get(symbol);
    if (history == null) {
      throw new IllegalArgumentException("unknown symbol " + symbol);
    }
    return history;
  }
}
