package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.marketdata.KlineInterval;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Binance market stream name, e.g. {@code btcusdt@trade}, {@code btcusdt@depth10@100ms}, {@code
 * btcusdt@kline_1m} or {@code !miniTicker@arr}.
 *
 * @param symbol upper-case symbol; null for all-market streams
 * @param levels partial-depth levels (5, 10, 20); 0 otherwise
 * @param speedMillis update speed of depth streams (100 or 1000); 0 otherwise
 * @param interval the candle interval of kline streams, the window (1h, 4h, 1d) of rolling-window
 *     ticker streams; null otherwise
 */
record StreamName(String symbol, Kind kind, int levels, int speedMillis, KlineInterval interval) {

  /** The stream kinds the simulator publishes. */
  enum Kind {
    TRADE,
    AGG_TRADE,
    BOOK_TICKER,
    DIFF_DEPTH,
    PARTIAL_DEPTH,
    KLINE,
    MINI_TICKER,
    TICKER,
    ROLLING_TICKER,
    AVG_PRICE,
    ALL_MINI_TICKERS,
    ALL_ROLLING_TICKERS
  }

  private static final Pattern SYMBOL_STREAM =
      Pattern.compile(
          "([a-z0-9]+)@(trade|aggTrade|bookTicker|miniTicker|ticker|avgPrice"
              + "|depth(5|10|20)?(@100ms|@1000ms)?|kline_([0-9]+[smhdwM])|ticker_(1h|4h|1d))");

  private static final Pattern ALL_ROLLING_TICKERS = Pattern.compile("!ticker_(1h|4h|1d)@arr");

  /** Parses a name as a client sends it; symbols may come in any case, the rest is exact. */
  static Optional<StreamName> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    if (name.equals("!miniTicker@arr")) {
      return Optional.of(new StreamName(null, Kind.ALL_MINI_TICKERS, 0, 1000, null));
    }
    Matcher all = ALL_ROLLING_TICKERS.matcher(name);
    if (all.matches()) {
      return KlineInterval.of(all.group(1))
          .map(window -> new StreamName(null, Kind.ALL_ROLLING_TICKERS, 0, 0, window));
    }
    int at = name.indexOf('@');
    if (at <= 0) {
      return Optional.empty();
    }
    Matcher matcher =
        SYMBOL_STREAM.matcher(name.substring(0, at).toLowerCase(Locale.ROOT) + name.substring(at));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String symbol = matcher.group(1).toUpperCase(Locale.ROOT);
    String type = matcher.group(2);
    if (type.startsWith("depth")) {
      int speed = "@100ms".equals(matcher.group(4)) ? 100 : 1000;
      return matcher.group(3) == null
          ? Optional.of(new StreamName(symbol, Kind.DIFF_DEPTH, 0, speed, null))
          : Optional.of(
              new StreamName(
                  symbol, Kind.PARTIAL_DEPTH, Integer.parseInt(matcher.group(3)), speed, null));
    }
    if (type.startsWith("ticker_")) {
      return KlineInterval.of(matcher.group(6))
          .map(window -> new StreamName(symbol, Kind.ROLLING_TICKER, 0, 0, window));
    }
    if (type.startsWith("kline_")) {
      return KlineInterval.of(matcher.group(5))
          .map(interval -> new StreamName(symbol, Kind.KLINE, 0, 0, interval));
    }
    Kind kind =
        switch (type) {
          case "trade" -> Kind.TRADE;
          case "aggTrade" -> Kind.AGG_TRADE;
          case "bookTicker" -> Kind.BOOK_TICKER;
          case "miniTicker" -> Kind.MINI_TICKER;
          case "ticker" -> Kind.TICKER;
          default -> Kind.AVG_PRICE;
        };
    return Optional.of(new StreamName(symbol, kind, 0, 0, null));
  }

  static StreamName of(String symbol, Kind kind) {
    return new StreamName(symbol, kind, 0, 0, null);
  }

  /** The wire name with a lower-case symbol, as Binance prints it in combined payloads. */
  @Override
  public String toString() {
    if (kind == Kind.ALL_MINI_TICKERS) {
      return "!miniTicker@arr";
    }
    if (kind == Kind.ALL_ROLLING_TICKERS) {
      return "!ticker_" + interval.code() + "@arr";
    }
    String prefix = symbol.toLowerCase(Locale.ROOT) + "@";
    String speed = speedMillis == 100 ? "@100ms" : "";
    return prefix
        + switch (kind) {
          case TRADE -> "trade";
          case AGG_TRADE -> "aggTrade";
          case BOOK_TICKER -> "bookTicker";
          case DIFF_DEPTH -> "depth" + speed;
          case PARTIAL_DEPTH -> "depth" + levels + speed;
          case KLINE -> "kline_" + interval.code();
          case MINI_TICKER -> "miniTicker";
          case TICKER -> "ticker";
          case ROLLING_TICKER -> "ticker_" + interval.code();
          case AVG_PRICE -> "avgPrice";
          case ALL_MINI_TICKERS, ALL_ROLLING_TICKERS ->
              throw new IllegalStateException("handled above");
        };
  }
}
