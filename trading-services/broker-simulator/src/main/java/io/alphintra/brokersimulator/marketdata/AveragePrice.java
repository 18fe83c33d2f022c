package io.alphintra.brokersimulator.marketdata;

/**
 * The volume-weighted price of the last {@code minutes} minutes, as a fraction of quote units over
 * lots; falls back to the last trade when the window has none.
 *
 * @param quoteUnits quote volume in asset units (for the fallback: one lot at the last price)
 * @param lots base volume in lots; 0 when the symbol never traded
 * @param lastTradeTime time of the latest trade, 0 when none
 */
public record AveragePrice(int minutes, long quoteUnits, long lots, long lastTradeTime) {

  /** The window Binance averages over, for {@code avgPrice} and the PERCENT_PRICE filters. */
  public static final int BINANCE_MINUTES = 5;

  public boolean exists() {
    return lots > 0;
  }
}
