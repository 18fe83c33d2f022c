package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.engine.DepthSnapshot;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Binance Spot's public endpoints: connectivity, exchange information and market data. */
@RestController
@RequestMapping("/api/v3")
class MarketDataController {

  private static final int MAX_DEPTH = 5000;
  private static final Pattern PERMISSION = Pattern.compile("^[A-Z0-9_]{1,40}$");
  private static final Pattern PERMISSIONS =
      Pattern.compile("^\\[\"[A-Z0-9_]{1,40}\"(,\"[A-Z0-9_]{1,40}\")*\\]$");

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

  /**
   * {@code symbolStatus} and {@code permissions} filter only the full list (-1128 next to {@code
   * symbol}/{@code symbols}); without {@code permissions} Binance lists SPOT, MARGIN and LEVERAGED
   * symbols, so every simulated (SPOT) symbol.
   */
  Map<String, Object> exchangeInfo(ApiParameters parameters) {
    boolean namesSymbols =
        parameters.optional("symbol").isPresent() || parameters.optional("symbols").isPresent();
    if (namesSymbols
        && (parameters.optional("symbolStatus").isPresent()
            || parameters.optional("permissions").isPresent())) {
      throw ApiException.badParameterCombination();
    }
    List<SymbolSpec> specs = SymbolSelection.of(parameters, exchange, true).specs();
    if (!permissions(parameters).contains(ExchangeInfo.PERMISSION)) {
      specs = List.of();
    }
    boolean showPermissionSets =
        parameters
            .optional("showPermissionSets")
            .map(
                value ->
                    switch (value) {
                      case "true" -> true;
                      case "false" -> false;
                      default -> throw ApiException.invalidParameter("showPermissionSets");
                    })
            .orElse(true);
    return ExchangeInfo.of(specs, clock.millis(), rateLimiter.limits(), showPermissionSets);
  }

  /** {@code permissions}: one ({@code SPOT}) or a JSON list ({@code ["MARGIN","LEVERAGED"]}). */
  private static List<String> permissions(ApiParameters parameters) {
    Optional<String> sent = parameters.optional("permissions");
    if (sent.isEmpty()) {
      return List.of("SPOT", "MARGIN", "LEVERAGED");
    }
    String value = sent.get().replace(" ", "");
    if (PERMISSION.matcher(value).matches()) {
      return List.of(value);
    }
    if (!PERMISSIONS.matcher(value).matches()) {
      throw ApiException.invalidParameter("permissions");
    }
    return Arrays.stream(value.substring(1, value.length() - 1).split(","))
        .map(quoted -> quoted.substring(1, quoted.length() - 1))
        .toList();
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
