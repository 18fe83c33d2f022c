package io.alphintra.brokerconnector.marketdata;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Order book snapshots, last prices, candles and tickers, fetched from the venue on demand. */
@RestController
@RequestMapping("/api/v1/market-data/{symbol}")
class MarketDataController {

  private static final int MAX_CANDLES = 1000;

  private final MarketDataSource source;

  MarketDataController(MarketDataSource source) {
    this.source = source;
  }

  @GetMapping("/book")
  OrderBookSnapshot book(
      @PathVariable String symbol, @RequestParam(defaultValue = "100") int limit) {
    return source.orderBook(symbol.toUpperCase(Locale.ROOT), Math.max(1, Math.min(limit, 5000)));
  }

  /** Candles of {@code interval} (Binance's names: 1m, 1h, 1d, …), oldest first. */
  @GetMapping("/candles")
  List<Candle> candles(
      @PathVariable String symbol,
      @RequestParam(defaultValue = "1m") String interval,
      @RequestParam(defaultValue = "500") int limit,
      @RequestParam(required = false) Long startTime,
      @RequestParam(required = false) Long endTime) {
    if (limit < 1 || limit > MAX_CANDLES) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_CANDLES + ", got " + limit);
    }
    if (startTime != null && endTime != null && startTime > endTime) {
      throw new IllegalArgumentException(
          "startTime=" + startTime + " is after endTime=" + endTime + "; swap them");
    }
    return source.candles(
        symbol.toUpperCase(Locale.ROOT),
        CandleInterval.require(interval),
        limit,
        startTime,
        endTime);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
  }

  /** Rolling 24-hour statistics and best prices. */
  @GetMapping("/ticker")
  Ticker ticker(@PathVariable String symbol) {
    return source.ticker(symbol.toUpperCase(Locale.ROOT));
  }

  @GetMapping("/last-price")
  LastPrice lastPrice(@PathVariable String symbol) {
    return source.lastPrice(symbol.toUpperCase(Locale.ROOT));
  }
}
