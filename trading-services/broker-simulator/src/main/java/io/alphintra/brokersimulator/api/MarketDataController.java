package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.engine.DepthSnapshot;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Binance Spot's public endpoints: connectivity, exchange information and market data. */
@RestController
@RequestMapping("/api/v3")
class MarketDataController {

  private static final int MAX_DEPTH = 5000;

  private final Exchange exchange;
  private final RateLimiter rateLimiter;
  private final Clock clock;

  MarketDataController(Exchange exchange, RateLimiter rateLimiter, Clock clock) {
    this.exchange = exchange;
    this.rateLimiter = rateLimiter;
    this.clock = clock;
  }

  @GetMapping("/ping")
  Map<String, Object> ping() {
    return Map.of();
  }

  @GetMapping("/time")
  Map<String, Object> time() {
    return Map.of("serverTime", clock.millis());
  }

  @GetMapping("/exchangeInfo")
  Map<String, Object> exchangeInfo(HttpServletRequest request) {
    return exchangeInfo(ApiParameters.of(request));
  }

  Map<String, Object> exchangeInfo(ApiParameters parameters) {
    if (parameters.optional("symbolStatus").isPresent()
        && (parameters.optional("symbol").isPresent()
            || parameters.optional("symbols").isPresent())) {
      throw ApiException.badParameterCombination(); // exchangeInfo filters only the full list
    }
    List<SymbolSpec> specs = SymbolSelection.of(parameters, exchange, true).specs();
    return ExchangeInfo.of(specs, clock.millis(), rateLimiter.limits());
  }

  @GetMapping("/depth")
  Map<String, Object> depth(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    SymbolSpec spec = symbol(parameters.required("symbol"));
    if (!SymbolSelection.statusMatches(parameters)) {
      throw ApiException.symbolStatusMismatch();
    }
    long limit = parameters.optionalLong("limit").orElse(100L);
    if (limit < 1) {
      throw ApiException.missingParameter("limit");
    }
    DepthSnapshot depth = exchange.depth(spec.symbol(), (int) Math.min(limit, MAX_DEPTH));
    return Map.of(
        "lastUpdateId", depth.lastUpdateId(),
        "bids", levels(spec, depth.bids()),
        "asks", levels(spec, depth.asks()));
  }

  private SymbolSpec symbol(String name) {
    return exchange.spec(name).orElseThrow(ApiException::invalidSymbol);
  }

  private static List<List<String>> levels(SymbolSpec spec, List<long[]> levels) {
    return levels.stream()
        .map(
            level ->
                List.of(
                    spec.price(level[0]).toPlainString(), spec.quantity(level[1]).toPlainString()))
        .toList();
  }
}
