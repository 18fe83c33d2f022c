package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.DepthSnapshot;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.AveragePrice;
import io.alphintra.brokersimulator.marketdata.MarketData;
import io.alphintra.brokersimulator.marketdata.WindowStatistics;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Binance's tickers: {@code ticker/price}, {@code ticker/bookTicker}, {@code ticker/24hr}, the
 * rolling-window {@code ticker} and {@code avgPrice}, from the venue's own trades and book.
 */
@RestController
@RequestMapping("/api/v3")
class TickerController {

  private static final long DAY = 86_400_000L;
  private static final long MINUTE = 60_000L;

  /** Binance's limit on {@code symbols} for the rolling-window ticker. */
  static final int MAX_ROLLING_SYMBOLS = 100;

  private static final Pattern WINDOW = Pattern.compile("([1-9]\\d?)([mhd])");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Exchange exchange;
  private final MarketData marketData;
  private final Clock clock;

  TickerController(Exchange exchange, MarketData marketData, Clock clock) {
    this.exchange = exchange;
    this.marketData = marketData;
    this.clock = clock;
  }

  @GetMapping("/ticker/price")
  Object price(HttpServletRequest request) {
    return SymbolSelection.of(ApiParameters.of(request), exchange, true).answer(this::price);
  }

  @GetMapping("/ticker/bookTicker")
  Object bookTicker(HttpServletRequest request) {
    return SymbolSelection.of(ApiParameters.of(request), exchange, true).answer(this::bookTicker);
  }

  @GetMapping("/ticker/24hr")
  Object dayTicker(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    boolean full = fullType(parameters);
    long now = clock.millis();
    return SymbolSelection.of(parameters, exchange, true)
        .answer(
            spec -> statistics(spec, marketData.window(spec.symbol(), now - DAY, now), full, true));
  }

  @GetMapping("/ticker")
  Object rollingTicker(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    boolean full = fullType(parameters);
    long window = windowSize(parameters.optional("windowSize").orElse("1d"));
    if (SymbolSelection.requestedCount(parameters) > MAX_ROLLING_SYMBOLS) {
      throw ApiException.tooManyValues("symbols", MAX_ROLLING_SYMBOLS);
    }
    long now = clock.millis();
    return SymbolSelection.of(parameters, exchange, false)
        .answer(
            spec ->
                statistics(
                    spec, marketData.rollingWindow(spec.symbol(), window, now), full, false));
  }

  @GetMapping("/avgPrice")
  Map<String, Object> averagePrice(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    SymbolSpec spec =
        exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
    AveragePrice average =
        marketData.averagePrice(spec.symbol(), AveragePrice.BINANCE_MINUTES, clock.millis());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mins", average.minutes());
    body.put(
        "price",
        average.exists()
            ? spec.weightedPrice(average.quoteUnits(), average.lots()).toPlainString()
            : decimal(BigDecimal.ZERO));
    body.put("closeTime", average.lastTradeTime());
    return body;
  }

  private Map<String, Object> price(SymbolSpec spec) {
    Exchange.Quote quote = exchange.quote(spec.symbol());
    long ticks =
        quote.lastTradeTicks() > 0
            ? quote.lastTradeTicks()
            : quote.bestBidTicks() > 0 && quote.bestAskTicks() > 0
                ? (quote.bestBidTicks() + quote.bestAskTicks()) / 2
                : spec.ticksOf(spec.properties().startPrice());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", spec.symbol());
    body.put("price", spec.price(Math.max(ticks, 0)).toPlainString());
    return body;
  }

  private Map<String, Object> bookTicker(SymbolSpec spec) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", spec.symbol());
    putBook(body, spec);
    return body;
  }

  private void putBook(Map<String, Object> body, SymbolSpec spec) {
    DepthSnapshot top = exchange.depth(spec.symbol(), 1);
    long[] bid = top.bids().isEmpty() ? new long[] {0, 0} : top.bids().get(0);
    long[] ask = top.asks().isEmpty() ? new long[] {0, 0} : top.asks().get(0);
    body.put("bidPrice", spec.price(bid[0]).toPlainString());
    body.put("bidQty", spec.quantity(bid[1]).toPlainString());
    body.put("askPrice", spec.price(ask[0]).toPlainString());
    body.put("askQty", spec.quantity(ask[1]).toPlainString());
  }

  private Map<String, Object> statistics(
      SymbolSpec spec, WindowStatistics window, boolean full, boolean day) {
    long open = window.openTicks();
    long last = window.lastTicks();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", spec.symbol());
    if (full) {
      BigDecimal change = spec.price(last).subtract(spec.price(open));
      body.put("priceChange", decimal(change));
      body.put(
          "priceChangePercent",
          open == 0
              ? "0.000"
              : change
                  .multiply(HUNDRED)
                  .divide(spec.price(open), 3, RoundingMode.HALF_UP)
                  .toPlainString());
      body.put(
          "weightedAvgPrice",
          decimal(
              window.volumeLots() == 0
                  ? BigDecimal.ZERO
                  : spec.weightedPrice(window.quoteUnits(), window.volumeLots())));
      if (day) {
        body.put("prevClosePrice", spec.price(window.previousCloseTicks()).toPlainString());
        body.put("lastPrice", spec.price(last).toPlainString());
        body.put("lastQty", spec.quantity(window.lastQuantityLots()).toPlainString());
        putBook(body, spec);
      }
    }
    body.put("openPrice", spec.price(open).toPlainString());
    body.put("highPrice", spec.price(window.highTicks()).toPlainString());
    body.put("lowPrice", spec.price(window.lowTicks()).toPlainString());
    if (!(full && day)) {
      body.put("lastPrice", spec.price(last).toPlainString());
    }
    body.put("volume", spec.quantity(window.volumeLots()).toPlainString());
    body.put("quoteVolume", Assets.fromUnits(window.quoteUnits()).toPlainString());
    body.put("openTime", window.openTime());
    body.put("closeTime", window.closeTime());
    body.put("firstId", window.firstTradeId());
    body.put("lastId", window.lastTradeId());
    body.put("count", window.count());
    return body;
  }

  private static boolean fullType(ApiParameters parameters) {
    String type = parameters.optional("type").orElse("FULL");
    return switch (type) {
      case "FULL" -> true;
      case "MINI" -> false;
      default -> throw ApiException.invalidTickerType();
    };
  }

  /**
   * {@code 1m}…{@code 59m}, {@code 1h}…{@code 23h} or {@code 1d}…{@code 7d}, in millis; lower case
   * only and without a leading zero, as Binance documents them (-1130 otherwise).
   */
  static long windowSize(String text) {
    Matcher matcher = WINDOW.matcher(text);
    if (!matcher.matches()) {
      throw ApiException.invalidParameter("windowSize");
    }
    int amount = Integer.parseInt(matcher.group(1));
    return switch (matcher.group(2)) {
      case "m" -> bounded(amount, 59) * MINUTE;
      case "h" -> bounded(amount, 23) * 60 * MINUTE;
      default -> bounded(amount, 7) * DAY;
    };
  }

  private static long bounded(int amount, int max) {
    if (amount < 1 || amount > max) {
      throw ApiException.invalidParameter("windowSize");
    }
    return amount;
  }

  private static String decimal(BigDecimal value) {
    return value.setScale(Assets.SCALE, RoundingMode.HALF_UP).toPlainString();
  }
}
