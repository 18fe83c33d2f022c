package io.alphintra.brokerconnector.marketdata;

import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Order book snapshots and last prices, fetched from the venue on demand. */
@RestController
@RequestMapping("/api/v1/market-data/{symbol}")
class MarketDataController {

  private final MarketDataSource source;

  MarketDataController(MarketDataSource source) {
    this.source = source;
  }

  @GetMapping("/book")
  OrderBookSnapshot book(
      @PathVariable String symbol, @RequestParam(defaultValue = "100") int limit) {
    return source.orderBook(symbol.toUpperCase(Locale.ROOT), Math.max(1, Math.min(limit, 5000)));
  }

  @GetMapping("/last-price")
  LastPrice lastPrice(@PathVariable String symbol) {
    return source.lastPrice(symbol.toUpperCase(Locale.ROOT));
  }
}
