package io.alphintra.brokerconnector.marketdata;

/**
 * The venue's latest price for a symbol.
 *
 * @param symbol e.g. BTCUSDT
 * @param price decimal string
 */
public record LastPrice(String symbol, String price) {}
