package io.alphintra.tradingapi.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tradable symbol and its scales: prices and quantities leave the API with exactly these many
 * decimals, and requests with more are refused rather than rounded.
 *
 * @param symbol e.g. BTCUSDT
 * @param baseAsset e.g. BTC
 * @param quoteAsset e.g. USDT; notional, PnL and fees are in this asset
 * @param priceScale decimals of a price (the venue's tick size's)
 * @param quantityScale decimals of a quantity (the venue's lot size's)
 */
public record Instrument(
    String symbol, String baseAsset, String quoteAsset, int priceScale, int quantityScale) {

  /** Quote-asset amounts (notional, PnL, fees) are shown with this many decimals. */
  public static final int QUOTE_SCALE = 8;

  public BigDecimal price(BigDecimal value) {
    return value == null ? null : value.setScale(priceScale, RoundingMode.HALF_EVEN);
  }

  public BigDecimal quantity(BigDecimal value) {
    return value == null ? null : value.setScale(quantityScale, RoundingMode.HALF_EVEN);
  }

  public static BigDecimal quote(BigDecimal value) {
    return value == null ? null : value.setScale(QUOTE_SCALE, RoundingMode.HALF_EVEN);
  }
}
