package io.alphintra.brokerconnector.marketdata;

import java.util.List;

/**
 * The venue's order book at one update id; price levels as decimal strings, best first.
 *
 * @param symbol e.g. BTCUSDT
 * @param lastUpdateId the venue's book sequence; stream updates with a higher id apply on top
 * @param bids price levels, highest first
 * @param asks price levels, lowest first
 */
public record OrderBookSnapshot(
    String symbol, long lastUpdateId, List<PriceLevel> bids, List<PriceLevel> asks) {

  /** One price level: price and total quantity resting there. */
  public record PriceLevel(String price, String quantity) {}
}
