package io.alphintra.brokerconnector.filters;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A symbol's trading rules from {@code exchangeInfo}. A zero bound or step means "not enforced", as
 * in Binance's filter definitions; a null filter means the venue did not send it.
 *
 * @param symbol e.g. BTCUSDT
 * @param trading whether the status is TRADING
 * @param orderTypes order types the venue accepts for the symbol
 * @param price PRICE_FILTER
 * @param lotSize LOT_SIZE
 * @param marketLotSize MARKET_LOT_SIZE (MARKET orders), or null
 * @param notional NOTIONAL (or the legacy MIN_NOTIONAL), or null
 */
public record SymbolRules(
    String symbol,
    boolean trading,
    Set<String> orderTypes,
    PriceFilter price,
    LotSize lotSize,
    LotSize marketLotSize,
    Notional notional) {

  /** Decimal places of a valid price (from tickSize); -1 when the venue sent no tick. */
  public int priceScale() {
    return price == null || price.tickSize().signum() == 0
        ? -1
        : Math.max(0, price.tickSize().stripTrailingZeros().scale());
  }

  /** Decimal places of a valid quantity (from stepSize); -1 when the venue sent no step. */
  public int quantityScale() {
    return lotSize == null || lotSize.stepSize().signum() == 0
        ? -1
        : Math.max(0, lotSize.stepSize().stripTrailingZeros().scale());
  }

  /**
   * PRICE_FILTER: price within [minPrice, maxPrice] and (price - minPrice) a multiple of tickSize.
   */
  public record PriceFilter(BigDecimal minPrice, BigDecimal maxPrice, BigDecimal tickSize) {}

  /**
   * LOT_SIZE / MARKET_LOT_SIZE: quantity within [minQty, maxQty] and (quantity - minQty) a multiple
   * of stepSize.
   */
  public record LotSize(
      String filterName, BigDecimal minQty, BigDecimal maxQty, BigDecimal stepSize) {}

  /**
   * NOTIONAL: price x quantity within [minNotional, maxNotional]; MARKET orders only where applied.
   */
  public record Notional(
      String filterName,
      BigDecimal minNotional,
      boolean applyMinToMarket,
      BigDecimal maxNotional,
      boolean applyMaxToMarket) {}
}
