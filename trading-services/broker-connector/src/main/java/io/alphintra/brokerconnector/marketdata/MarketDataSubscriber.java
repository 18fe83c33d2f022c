package io.alphintra.brokerconnector.marketdata;

/** One downstream consumer of the market-data stream. */
public interface MarketDataSubscriber {

  /**
   * Delivers one serialized {@link MarketEvent}; returns false when the subscriber is gone or too
   * slow.
   */
  boolean deliver(String json);

  /** Whether it takes {@code event}; candles only go to subscribers that asked for them. */
  default boolean wants(MarketEvent event) {
    return !(event instanceof MarketEvent.Candle);
  }
}
