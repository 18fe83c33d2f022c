package io.alphintra.brokerconnector.marketdata;

import java.util.List;

/**
 * What subscribers of the market-data stream receive, as JSON objects with a {@code type} field:
 * {@code trade}, {@code book} (incremental depth), {@code candle} (only to subscribers that asked
 * for candles), {@code gap} (events may be missing: re-fetch the book snapshot) or {@code
 * subscribed}. {@code receivedAtMicros} is when the connector got the event from the venue (epoch
 * micros), so consumers can measure staleness.
 */
public sealed interface MarketEvent {

  String type();

  String symbol();

  /** A trade on the venue. */
  record Trade(
      String type,
      String symbol,
      long tradeId,
      String price,
      String quantity,
      long tradeTime,
      boolean buyerIsMaker,
      long receivedAtMicros)
      implements MarketEvent {
    public Trade(
        String symbol,
        long tradeId,
        String price,
        String quantity,
        long tradeTime,
        boolean buyerIsMaker,
        long receivedAtMicros) {
      this("trade", symbol, tradeId, price, quantity, tradeTime, buyerIsMaker, receivedAtMicros);
    }
  }

  /** Changed book levels between two update ids; quantity 0 removes a level. */
  record BookUpdate(
      String type,
      String symbol,
      long firstUpdateId,
      long lastUpdateId,
      List<OrderBookSnapshot.PriceLevel> bids,
      List<OrderBookSnapshot.PriceLevel> asks,
      long eventTime,
      long receivedAtMicros)
      implements MarketEvent {
    public BookUpdate(
        String symbol,
        long firstUpdateId,
        long lastUpdateId,
        List<OrderBookSnapshot.PriceLevel> bids,
        List<OrderBookSnapshot.PriceLevel> asks,
        long eventTime,
        long receivedAtMicros) {
      this("book", symbol, firstUpdateId, lastUpdateId, bids, asks, eventTime, receivedAtMicros);
    }
  }

  /**
   * The current candle of an interval as the venue updates it; {@code closed} marks its final
   * state. Prices and volume at the symbol's scales, as strings.
   */
  record Candle(
      String type,
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
      long trades,
      boolean closed,
      long receivedAtMicros)
      implements MarketEvent {
    public Candle(
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
        long trades,
        boolean closed,
        long receivedAtMicros) {
      this(
          "candle",
          symbol,
          interval,
          openTime,
          closeTime,
          open,
          high,
          low,
          close,
          volume,
          quoteVolume,
          trades,
          closed,
          receivedAtMicros);
    }
  }

  /**
   * Events may be missing before the next one.
   *
   * @param reason UPSTREAM_RECONNECTED or SEQUENCE (book update ids skipped)
   */
  record Gap(String type, String symbol, String reason, String detail, long receivedAtMicros)
      implements MarketEvent {
    public Gap(String symbol, String reason, String detail, long receivedAtMicros) {
      this("gap", symbol, reason, detail, receivedAtMicros);
    }
  }

  /**
   * Confirms a subscription; {@code upstreamConnected} tells whether events are already flowing.
   */
  record Subscribed(String type, String symbol, boolean upstreamConnected) implements MarketEvent {
    public Subscribed(String symbol, boolean upstreamConnected) {
      this("subscribed", symbol, upstreamConnected);
    }
  }
}
