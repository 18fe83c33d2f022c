package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.filters.SymbolRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads {@code /api/v3/exchangeInfo}: symbol filters and the venue's announced rate limits. */
final class BinanceExchangeInfo {

  private BinanceExchangeInfo() {}

  /** The venue's limits; -1 where it announced none. */
  record RateLimits(int requestWeightPerMinute, int ordersPer10Seconds) {}

  static RateLimits rateLimits(JsonNode info) {
    int weight = -1;
    int orders = -1;
    for (JsonNode limit : info.path("rateLimits")) {
      String type = limit.path("rateLimitType").asString();
      String interval = limit.path("interval").asString();
      int intervalNum = limit.path("intervalNum").asInt();
      if (type.equals("REQUEST_WEIGHT") && interval.equals("MINUTE") && intervalNum == 1) {
        weight = limit.path("limit").asInt();
      } else if (type.equals("ORDERS") && interval.equals("SECOND") && intervalNum == 10) {
        orders = limit.path("limit").asInt();
      }
    }
    return new RateLimits(weight, orders);
  }

  static List<SymbolRules> symbols(JsonNode info) {
    List<SymbolRules> rules = new ArrayList<>();
    for (JsonNode symbol : info.path("symbols")) {
      Set<String> orderTypes = new LinkedHashSet<>();
      symbol.path("orderTypes").forEach(type -> orderTypes.add(type.asString()));
      SymbolRules.PriceFilter price = null;
      SymbolRules.LotSize lotSize = null;
      SymbolRules.LotSize marketLotSize = null;
      SymbolRules.Notional notional = null;
      for (JsonNode filter : symbol.path("filters")) {
        switch (filter.path("filterType").asString()) {
          case "PRICE_FILTER" ->
              price =
                  new SymbolRules.PriceFilter(
                      decimal(filter, "minPrice"),
                      decimal(filter, "maxPrice"),
                      decimal(filter, "tickSize"));
          case "LOT_SIZE" -> lotSize = lots("LOT_SIZE", filter);
          case "MARKET_LOT_SIZE" -> marketLotSize = lots("MARKET_LOT_SIZE", filter);
          case "NOTIONAL" ->
              notional =
                  new SymbolRules.Notional(
                      "NOTIONAL",
                      decimal(filter, "minNotional"),
                      filter.path("applyMinToMarket").asBoolean(true),
                      decimal(filter, "maxNotional"),
                      filter.path("applyMaxToMarket").asBoolean(false));
          case "MIN_NOTIONAL" -> {
            if (notional == null) {
              notional =
                  new SymbolRules.Notional(
                      "MIN_NOTIONAL",
                      decimal(filter, "minNotional"),
                      filter.path("applyToMarket").asBoolean(true),
                      BigDecimal.ZERO,
                      false);
            }
          }
          default -> {
            // Other filters (PERCENT_PRICE_BY_SIDE, ICEBERG_PARTS...) are left to the venue.
          }
        }
      }
      rules.add(
          new SymbolRules(
              symbol.path("symbol").asString(),
              "TRADING".equals(symbol.path("status").asString()),
              Set.copyOf(orderTypes),
              price,
              lotSize,
              marketLotSize,
              notional));
    }
    return rules;
  }

  private static SymbolRules.LotSize lots(String name, JsonNode filter) {
    return new SymbolRules.LotSize(
        name, decimal(filter, "minQty"), decimal(filter, "maxQty"), decimal(filter, "stepSize"));
  }

  private static BigDecimal decimal(JsonNode filter, String field) {
    String text = filter.path(field).asString("0");
    return new BigDecimal(text.isEmpty() ? "0" : text);
  }
}
