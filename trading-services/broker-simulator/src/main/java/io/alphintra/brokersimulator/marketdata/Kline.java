package io.alphintra.brokersimulator.marketdata;

/**
 * One candle of a kline interval; an interval without trades repeats the previous close with zero
 * volume.
 *
 * @param closeTime the last millisecond of the interval
 * @param quoteUnits traded quote volume in asset units
 * @param takerBuyLots base volume of trades where the taker bought
 * @param takerBuyQuoteUnits quote volume of trades where the taker bought
 * @param firstTradeId the first trade in the interval, -1 when nothing traded in it
 * @param lastTradeId the last trade in the interval, -1 when nothing traded in it
 */
public record Kline(
    long openTime,
    long closeTime,
    long openTicks,
    long highTicks,
    long lowTicks,
    long closeTicks,
    long volumeLots,
    long quoteUnits,
    long trades,
    long takerBuyLots,
    long takerBuyQuoteUnits,
    long firstTradeId,
    long lastTradeId) {

  /** This kline opening at {@code ticks} (the previous close, as {@code uiKlines} shows it). */
  public Kline withOpen(long ticks) {
    return new Kline(
        openTime,
        closeTime,
        ticks,
        Math.max(highTicks, ticks),
        Math.min(lowTicks, ticks),
        closeTicks,
        volumeLots,
        quoteUnits,
        trades,
        takerBuyLots,
        takerBuyQuoteUnits,
        firstTradeId,
        lastTradeId);
  }
}
