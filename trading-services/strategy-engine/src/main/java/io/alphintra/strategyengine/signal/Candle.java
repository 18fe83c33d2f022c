package io.alphintra.strategyengine.signal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One closed candle built from the venue's trades.
 *
 * @param symbol e.g. BTCUSDT
 * @param openTime start of the interval
 * @param open first trade price
 * @param high highest trade price
 * @param low lowest trade price
 * @param close last trade price
 * @param volume base quantity traded
 * @param trades number of trades
 */
public record Candle(
    String symbol,
    Instant openTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    int trades) {}
