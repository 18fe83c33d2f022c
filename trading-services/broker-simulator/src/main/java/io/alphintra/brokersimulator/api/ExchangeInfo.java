package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /api/v3/exchangeInfo} document: rate limits and symbols with their filters. */
final class ExchangeInfo {

  private ExchangeInfo() {}

  static Map<String, Object> of(
      List<SymbolSpec> specs, long serverTime, int weightLimit, int orderLimit) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("timezone", "UTC");
    info.put("serverTime", serverTime);
    info.put(
        "rateLimits",
        List.of(
            rateLimit("REQUEST_WEIGHT", "MINUTE", 1, weightLimit),
            rateLimit("ORDERS", "SECOND", 10, orderLimit)));
    info.put("exchangeFilters", List.of());
    info.put("symbols", specs.stream().map(ExchangeInfo::symbol).toList());
    return info;
  }

  private static Map<String, Object> rateLimit(
      String type, String interval, int intervalNum, int limit) {
    Map<String, Object> rateLimit = new LinkedHashMap<>();
    rateLimit.put("rateLimitType", type);
    rateLimit.put("interval", interval);
    rateLimit.put("intervalNum", intervalNum);
    rateLimit.put("limit", limit);
    return rateLimit;
  }

  private static Map<String, Object> symbol(SymbolSpec spec) {
    Map<String, Object> symbol = new LinkedHashMap<>();
    symbol.put("symbol", spec.symbol());
    symbol.put("status", "TRADING");
    symbol.put("baseAsset", spec.baseAsset());
    symbol.put("baseAssetPrecision", Assets.SCALE);
    symbol.put("quoteAsset", spec.quoteAsset());
    symbol.put("quotePrecision", Assets.SCALE);
    symbol.put("quoteAssetPrecision", Assets.SCALE);
    symbol.put("baseCommissionPrecision", Assets.SCALE);
    symbol.put("quoteCommissionPrecision", Assets.SCALE);
    symbol.put("orderTypes", List.of("LIMIT", "LIMIT_MAKER", "MARKET"));
    symbol.put("icebergAllowed", false);
    symbol.put("ocoAllowed", false);
    symbol.put("otoAllowed", false);
    symbol.put("quoteOrderQtyMarketAllowed", false);
    symbol.put("allowTrailingStop", false);
    symbol.put("cancelReplaceAllowed", false);
    symbol.put("amendAllowed", true);
    symbol.put("isSpotTradingAllowed", true);
    symbol.put("isMarginTradingAllowed", false);
    symbol.put(
        "filters",
        List.of(
            filter(
                "PRICE_FILTER",
                "minPrice",
                decimal(spec.tickSize()),
                "maxPrice",
                decimal(spec.properties().maxPrice()),
                "tickSize",
                decimal(spec.tickSize())),
            filter(
                "LOT_SIZE",
                "minQty",
                decimal(spec.lotSize()),
                "maxQty",
                decimal(spec.properties().maxQuantity()),
                "stepSize",
                decimal(spec.lotSize())),
            filter(
                "NOTIONAL",
                "minNotional",
                decimal(spec.properties().minNotional()),
                "applyMinToMarket",
                true,
                "maxNotional",
                decimal(spec.properties().maxNotional()),
                "applyMaxToMarket",
                false,
                "avgPriceMins",
                5)));
    symbol.put("permissions", List.of());
    symbol.put("permissionSets", List.of(List.of("SPOT")));
    symbol.put("defaultSelfTradePreventionMode", "EXPIRE_TAKER");
    symbol.put("allowedSelfTradePreventionModes", List.of("EXPIRE_TAKER"));
    return symbol;
  }

  private static Map<String, Object> filter(String type, Object... keyValues) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("filterType", type);
    for (int i = 0; i < keyValues.length; i += 2) {
      filter.put((String) keyValues[i], keyValues[i + 1]);
    }
    return filter;
  }

  private static String decimal(BigDecimal value) {
    return value.setScale(Assets.SCALE).toPlainString();
  }
}
