package io.alphintra.brokerconnector.marketdata;

import java.util.List;

/** The venue's market data: REST snapshots and one live feed per symbol. */
public interface MarketDataSource {

  OrderBookSnapshot orderBook(String symbol, int limit);

  LastPrice lastPrice(String symbol);

  /**
   * Up to {@code limit} candles of {@code interval}, oldest first, the newest possibly still open;
   * {@code startTime} and {@code endTime} (epoch millis) are optional bounds.
   */
  List<Candle> candles(String symbol, String interval, int limit, Long startTime, Long endTime);

  /** The symbol's rolling 24-hour statistics and best prices. */
  Ticker ticker(String symbol);

  /**
   * Opens the venue's trade + depth feed for {@code symbol}. The feed reconnects by itself and
   * reports each (re)connection to the listener; {@link UpstreamFeed#close()} ends it for good.
   */
  UpstreamFeed open(String symbol, UpstreamListener listener);

  /** A live upstream subscription. */
  interface UpstreamFeed extends AutoCloseable {
    boolean connected();

    /**
     * Drops the current connection as if the network failed; the feed reconnects. For operations
     * and tests.
     */
    void interrupt();

    @Override
    void close();
  }

  /** Receives one symbol's upstream events, on one thread at a time. */
  interface UpstreamListener {
    void onEvent(MarketEvent event);

    /** The feed (re)connected; {@code reconnect} is true for every connection after the first. */
    void onConnected(boolean reconnect);

    void onDisconnected(String reason);
  }
}
