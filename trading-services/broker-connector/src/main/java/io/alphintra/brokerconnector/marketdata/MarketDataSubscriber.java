package io.alphintra.brokerconnector.marketdata;

/** One downstream consumer of the market-data stream. */
public interface MarketDataSubscriber {

  /**
   * Delivers one serialized {@link MarketEvent}; returns false when the subscriber is gone or too
   * slow.
   */
  boolean deliver(String json);
}
