package io.alphintra.brokersimulator.marketdata;

/**
 * Price change statistics over a window ending now, as {@code ticker/24hr} and {@code ticker}
 * report them. Without trades in the window every price is the latest trade's (0 before the first
 * trade) and the trade ids are -1.
 *
 * @param previousCloseTicks the last price before the window, 0 when there was none
 * @param lastQuantityLots quantity of the latest trade on the tape, 0 when there was none
 */
public record WindowStatistics(
    long openTime,
    long closeTime,
    long openTicks,
    long highTicks,
    long lowTicks,
    long lastTicks,
    long volumeLots,
    long quoteUnits,
    long firstTradeId,
    long lastTradeId,
    long count,
    long previousCloseTicks,
    long lastQuantityLots) {

  public boolean hasTrades() {
    return count > 0;
  }
}
