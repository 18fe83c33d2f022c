package io.alphintra.brokerconnector.marketdata;

import java.util.List;

/** The candle intervals Binance Spot documents for klines. */
public final class CandleInterval {

  public static final List<String> ALL =
      List.of(
          "1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d",
          "1w", "1M");

  /** The interval whose candles the market-data stream carries (one upstream stream per symbol). */
  public static final String STREAMED = "1m";

  private CandleInterval() {}

  /** The interval as given, or an error naming the field and the valid values. */
  public static String require(String interval) {
    if (interval == null || !ALL.contains(interval)) {
      throw new IllegalArgumentException(
          "interval=" + interval + " is not a candle interval; use one of " + ALL);
    }
    return interval;
  }
}
