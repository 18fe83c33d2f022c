package io.alphintra.brokerconnector.marketdata;

/**
 * One candle of a symbol, normalized from the venue's klines: prices with the symbol's tick scale,
 * quantities with its lot scale, quote volume as the venue states it, all as decimal strings.
 *
 * @param symbol e.g. BTCUSDT
 * @param interval e.g. 1m
 * @param openTime epoch millis of the candle's first moment
 * @param closeTime epoch millis of its last moment
 * @param open first trade price
 * @param high highest trade price
 * @param low lowest trade price
 * @param close last trade price
 * @param volume base quantity traded
 * @param quoteVolume quote amount traded
 * @param trades number of trades
 */
public record Candle(
    String symbol,
    String interval,
    long openTime,
    long closeTime,
    String open,
    String high,
    String low,
    String close,
    String volume,
    String quoteVolume,
    long trades) {}
