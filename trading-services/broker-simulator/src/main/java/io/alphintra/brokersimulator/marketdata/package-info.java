/**
 * The venue's public market-data history, built only from the matching engine's trades: a trade
 * tape with aggregate trades, candles per second and per minute that any kline interval is
 * aggregated from, and rolling-window statistics. Framework-free and in engine units (ticks, lots,
 * asset units); the REST controllers and the streams turn them into Binance JSON.
 */
package io.alphintra.brokersimulator.marketdata;
