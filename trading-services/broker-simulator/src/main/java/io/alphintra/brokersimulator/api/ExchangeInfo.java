package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.AveragePrice;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /api/v3/exchangeInfo} document: rate limits and symbols with their filters. */
final class ExchangeInfo {

  private ExchangeInfo() {}

  /** The self-trade prevention mode the engine applies; the only one a symbol allows. */
  static final String STP_MODE = "EXPIRE_TAKER";

  /** The one permission simulated symbols have: their {@code permissionSets} is [["SPOT"]]. */
  static final String PERMISSION = "SPOT";

  static Map<String, Object> of(
      List<SymbolSpec> specs,
      long serverTime,
      RateLimitProperties limits,
      boolean showPermissionSets) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("timezone", "UTC");
    info.put("serverTime", serverTime);
    info.put(
        "rateLimits",
        List.of(
            rateLimit("REQUEST_WEIGHT", "MINUTE", 1, limits.requestWeightPerMinute()),
            rateLimit("ORDERS", "SECOND", 10, limits.ordersPer10Seconds()),
            rateLimit("ORDERS", "DAY", 1, limits.ordersPerDay()),
            rateLimit("RAW_REQUESTS", "MINUTE", 5, limits.rawRequestsPer5Minutes())));
    info.put("exchangeFilters", List.of());
    info.put("symbols", specs.stream().map(spec -> symbol(spec, showPermissionSets)).toList());
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

  private static Map<String, Object> symbol(SymbolSpec spec, boolean showPermissionSets) {
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
    symbol.put("opoAllowed", false);
    symbol.put("quoteOrderQtyMarketAllowed", true);
    symbol.put("allowTrailingStop", false);
    symbol.put("cancelReplaceAllowed", true);
    symbol.put("amendAllowed", true);
    symbol.put("pegInstructionsAllowed", false);
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
                "MARKET_LOT_SIZE",
                "minQty",
                decimal(spec.lotSize()),
                "maxQty",
                decimal(spec.properties().maxMarketQuantity()),
                "stepSize",
                decimal(spec.lotSize())),
            filter(
                "PERCENT_PRICE_BY_SIDE",
                "bidMultiplierUp",
                spec.properties().percentPriceUp().toPlainString(),
                "bidMultiplierDown",
                spec.properties().percentPriceDown().toPlainString(),
                "askMultiplierUp",
                spec.properties().percentPriceUp().toPlainString(),
                "askMultiplierDown",
                spec.properties().percentPriceDown().toPlainString(),
                "avgPriceMins",
                AveragePrice.BINANCE_MINUTES),
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
                AveragePrice.BINANCE_MINUTES),
            filter("MAX_NUM_ORDERS", "maxNumOrders", spec.properties().maxNumOrders())));
    symbol.put("permissions", List.of());
    symbol.put("permissionSets", showPermissionSets ? List.of(List.of(PERMISSION)) : List.of());
    symbol.put("defaultSelfTradePreventionMode", STP_MODE);
    symbol.put("allowedSelfTradePreventionModes", List.of(STP_MODE));
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
