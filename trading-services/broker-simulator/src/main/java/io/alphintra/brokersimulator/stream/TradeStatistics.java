package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.engine.Trade;
import java.util.Optional;

/**
 * Candles and rolling statistics of the simulator's own trades, in engine units (ticks, lots, quote
 * units), for the kline, ticker, miniTicker and avgPrice streams. The streams depend only on this
 * interface so a REST candle/statistics component can take its place. Thread-safe.
 */
public interface TradeStatistics {

  /** Adds a trade; trades of one symbol arrive in trade-id order. */
  void record(Trade trade);

  /**
   * The candle of {@code interval} containing {@code timeMillis}: the one being built, the one just
   * closed, or an empty one at the last close when nothing traded in it; empty before any trade.
   */
  Optional<Candle> candle(String symbol, KlineInterval interval, long timeMillis);

  /** Statistics of the 24 hours ending at {@code timeMillis}; empty before any trade. */
  Optional<RollingWindow> rolling24h(String symbol, long timeMillis);

  /**
   * Statistics from the start of the minute {@code windowMillis} before {@code timeMillis} to
   * {@code timeMillis} (windows of up to a day), as Binance's rolling-window tickers count them.
   */
  Optional<RollingWindow> rolling(String symbol, long windowMillis, long timeMillis);

  /** The volume-weighted price of the 5 minutes ending at {@code timeMillis}. */
  Optional<AveragePrice> averagePrice(String symbol, long timeMillis);

  /** One candle; {@code firstTradeId}/{@code lastTradeId} are -1 when nothing traded in it. */
  record Candle(
      long openTime,
      long closeTime,
      long firstTradeId,
      long lastTradeId,
      long openTicks,
      long highTicks,
      long lowTicks,
      long closeTicks,
      long volumeLots,
      long quoteUnits,
      long trades,
      long takerBuyLots,
      long takerBuyQuoteUnits) {}

  /**
   * A rolling window; {@code prevCloseTicks} is the last price before the window (0 if none).
   * Without trades in the window the prices are the last price and the trade ids -1.
   */
  record RollingWindow(
      long openTime,
      long closeTime,
      long firstTradeId,
      long lastTradeId,
      long trades,
      long openTicks,
      long highTicks,
      long lowTicks,
      long lastTicks,
      long lastLots,
      long volumeLots,
      long quoteUnits,
      long prevCloseTicks) {}

  /**
   * Volume and quote turnover of the averaging window; with no volume the average is the last
   * price.
   */
  record AveragePrice(long volumeLots, long quoteUnits, long lastTicks, long lastTradeTime) {}
}
