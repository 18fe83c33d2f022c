package io.alphintra.brokersimulator.marketdata;

/** A mutable candle while it fills; confined to its {@link SymbolHistory}'s lock. */
final class Candle {

  final long openTime;
  long open;
  long high;
  long low;
  long close;
  long volumeLots;
  long quoteUnits;
  long trades;
  long takerBuyLots;
  long takerBuyQuoteUnits;
  long firstTradeId;
  long lastTradeId;

  Candle(long openTime, PublicTrade first) {
    this.openTime = openTime;
    this.open = first.priceTicks();
    this.high = first.priceTicks();
    this.low = first.priceTicks();
    this.firstTradeId = first.id();
    add(first);
  }

  Candle(long openTime, Candle first) {
    this.openTime = openTime;
    this.open = first.open;
    this.high = first.high;
    this.low = first.low;
    this.firstTradeId = first.firstTradeId;
    merge(first);
  }

  void add(PublicTrade trade) {
    high = Math.max(high, trade.priceTicks());
    low = Math.min(low, trade.priceTicks());
    close = trade.priceTicks();
    volumeLots += trade.quantityLots();
    quoteUnits += trade.quoteUnits();
    trades++;
    if (!trade.buyerIsMaker()) {
      takerBuyLots += trade.quantityLots();
      takerBuyQuoteUnits += trade.quoteUnits();
    }
    lastTradeId = trade.id();
  }

  /** Adds a later candle of a finer interval. */
  void merge(Candle later) {
    high = Math.max(high, later.high);
    low = Math.min(low, later.low);
    close = later.close;
    volumeLots += later.volumeLots;
    quoteUnits += later.quoteUnits;
    trades += later.trades;
    takerBuyLots += later.takerBuyLots;
    takerBuyQuoteUnits += later.takerBuyQuoteUnits;
    lastTradeId = later.lastTradeId;
  }

  Kline toKline(long closeTime) {
    return new Kline(
        openTime,
        closeTime,
        open,
        high,
        low,
        close,
        volumeLots,
        quoteUnits,
        trades,
        takerBuyLots,
        takerBuyQuoteUnits,
        firstTradeId,
        lastTradeId);
  }
}
