package io.alphintra.brokerconnector.marketdata;

/**
 * A symbol's rolling 24-hour statistics and best prices, normalized from the venue's {@code
 * ticker/24hr}: prices with the symbol's tick scale, quantities with its lot scale, as strings.
 *
 * @param symbol e.g. BTCUSDT
 * @param lastPrice last trade price
 * @param openPrice first trade price of the window
 * @param highPrice highest trade price of the window
 * @param lowPrice lowest trade price of the window
 * @param priceChange last minus open
 * @param priceChangePercent that change in percent of open, as the venue states it
 * @param weightedAveragePrice volume-weighted average price of the window
 * @param volume base quantity traded in the window
 * @param quoteVolume quote amount traded in the window
 * @param bidPrice best bid
 * @param bidQuantity quantity at the best bid
 * @param askPrice best ask
 * @param askQuantity quantity at the best ask
 * @param trades number of trades in the window
 * @param openTime epoch millis where the window starts
 * @param closeTime epoch millis where it ends
 */
public record Ticker(
    String symbol,
    String lastPrice,
    String openPrice,
    String highPrice,
    String lowPrice,
    String priceChange,
    String priceChangePercent,
    String weightedAveragePrice,
    String volume,
    String quoteVolume,
    String bidPrice,
    String bidQuantity,
    String askPrice,
    String askQuantity,
    long trades,
    long openTime,
    long closeTime) {}
