package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.engine.Trade;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.AggregateTrade;
import io.alphintra.brokersimulator.marketdata.AveragePrice;
import io.alphintra.brokersimulator.marketdata.Kline;
import io.alphintra.brokersimulator.marketdata.KlineInterval;
import io.alphintra.brokersimulator.marketdata.WindowStatistics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Market stream payloads with Binance's field names, in Binance's field order. */
final class StreamPayloads {

  private static final String ZERO = BigDecimal.ZERO.setScale(Assets.SCALE).toPlainString();

  private StreamPayloads() {}

  static Map<String, Object> trade(SymbolSpec spec, Trade trade, long eventTime) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "trade");
    event.put("E", eventTime);
    event.put("s", trade.symbol());
    event.put("t", trade.tradeId());
    event.put("p", price(spec, trade.priceTicks()));
    event.put("q", quantity(spec, trade.quantityLots()));
    event.put("T", trade.timeMillis());
    event.put("m", trade.buyerIsMaker());
    event.put("M", true);
    return event;
  }

  static Map<String, Object> aggTrade(SymbolSpec spec, AggregateTrade aggregate, long eventTime) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "aggTrade");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("a", aggregate.id());
    event.put("p", price(spec, aggregate.priceTicks()));
    event.put("q", quantity(spec, aggregate.quantityLots()));
    event.put("f", aggregate.firstTradeId());
    event.put("l", aggregate.lastTradeId());
    event.put("T", aggregate.timeMillis());
    event.put("m", aggregate.buyerIsMaker());
    event.put("M", true);
    return event;
  }

  static Map<String, Object> bookTicker(SymbolSpec spec, BookMirror.Top top) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("u", top.updateId());
    event.put("s", spec.symbol());
    event.put("b", price(spec, top.bidTicks()));
    event.put("B", quantity(spec, top.bidLots()));
    event.put("a", price(spec, top.askTicks()));
    event.put("A", quantity(spec, top.askLots()));
    return event;
  }

  static Map<String, Object> partialDepth(SymbolSpec spec, BookMirror.Depth depth) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("lastUpdateId", depth.lastUpdateId());
    event.put("bids", levels(spec, depth.bids()));
    event.put("asks", levels(spec, depth.asks()));
    return event;
  }

  static Map<String, Object> depthUpdate(SymbolSpec spec, DepthDiff.Batch batch, long eventTime) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "depthUpdate");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("U", batch.firstUpdateId());
    event.put("u", batch.lastUpdateId());
    event.put("b", levels(spec, batch.bids()));
    event.put("a", levels(spec, batch.asks()));
    return event;
  }

  static Map<String, Object> kline(
      SymbolSpec spec, KlineInterval interval, Kline candle, boolean closed, long eventTime) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("t", candle.openTime());
    k.put("T", candle.closeTime());
    k.put("s", spec.symbol());
    k.put("i", interval.code());
    k.put("f", candle.firstTradeId());
    k.put("L", candle.lastTradeId());
    k.put("o", price(spec, candle.openTicks()));
    k.put("c", price(spec, candle.closeTicks()));
    k.put("h", price(spec, candle.highTicks()));
    k.put("l", price(spec, candle.lowTicks()));
    k.put("v", quantity(spec, candle.volumeLots()));
    k.put("n", candle.trades());
    k.put("x", closed);
    k.put("q", units(candle.quoteUnits()));
    k.put("V", quantity(spec, candle.takerBuyLots()));
    k.put("Q", units(candle.takerBuyQuoteUnits()));
    k.put("B", "0");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "kline");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("k", k);
    return event;
  }

  static Map<String, Object> miniTicker(SymbolSpec spec, WindowStatistics window, long eventTime) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "24hrMiniTicker");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("c", price(spec, window.lastTicks()));
    event.put("o", price(spec, window.openTicks()));
    event.put("h", price(spec, window.highTicks()));
    event.put("l", price(spec, window.lowTicks()));
    event.put("v", quantity(spec, window.volumeLots()));
    event.put("q", units(window.quoteUnits()));
    return event;
  }

  static Map<String, Object> ticker(
      SymbolSpec spec, WindowStatistics window, BookMirror.Top top, long eventTime) {
    BigDecimal open = spec.price(window.openTicks());
    BigDecimal last = spec.price(window.lastTicks());
    BigDecimal change = last.subtract(open);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "24hrTicker");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("p", change.toPlainString());
    event.put("P", percentChange(open, last));
    event.put(
        "w", weightedPrice(spec, window.volumeLots(), window.quoteUnits(), window.lastTicks()));
    event.put("x", price(spec, window.previousCloseTicks()));
    event.put("c", last.toPlainString());
    event.put("Q", quantity(spec, window.lastQuantityLots()));
    event.put("b", price(spec, top.bidTicks()));
    event.put("B", quantity(spec, top.bidLots()));
    event.put("a", price(spec, top.askTicks()));
    event.put("A", quantity(spec, top.askLots()));
    event.put("o", open.toPlainString());
    event.put("h", price(spec, window.highTicks()));
    event.put("l", price(spec, window.lowTicks()));
    event.put("v", quantity(spec, window.volumeLots()));
    event.put("q", units(window.quoteUnits()));
    event.put("O", window.openTime());
    event.put("C", window.closeTime());
    event.put("F", window.firstTradeId());
    event.put("L", window.lastTradeId());
    event.put("n", window.count());
    return event;
  }

  /** {@code <symbol>@ticker_<window>}: the 24hrTicker fields a rolling window has, no book. */
  static Map<String, Object> rollingTicker(
      SymbolSpec spec, KlineInterval window, WindowStatistics statistics, long eventTime) {
    BigDecimal open = spec.price(statistics.openTicks());
    BigDecimal last = spec.price(statistics.lastTicks());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", window.code() + "Ticker");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("p", last.subtract(open).toPlainString());
    event.put("P", percentChange(open, last));
    event.put("o", open.toPlainString());
    event.put("h", price(spec, statistics.highTicks()));
    event.put("l", price(spec, statistics.lowTicks()));
    event.put("c", last.toPlainString());
    event.put(
        "w",
        weightedPrice(
            spec, statistics.volumeLots(), statistics.quoteUnits(), statistics.lastTicks()));
    event.put("v", quantity(spec, statistics.volumeLots()));
    event.put("q", units(statistics.quoteUnits()));
    event.put("O", statistics.openTime());
    event.put("C", statistics.closeTime());
    event.put("F", statistics.firstTradeId());
    event.put("L", statistics.lastTradeId());
    event.put("n", statistics.count());
    return event;
  }

  private static String percentChange(BigDecimal open, BigDecimal last) {
    return open.signum() == 0
        ? "0.000"
        : last.subtract(open)
            .multiply(BigDecimal.valueOf(100))
            .divide(open, 3, RoundingMode.HALF_UP)
            .toPlainString();
  }

  /** {@code <symbol>@avgPrice}; {@code average} must {@link AveragePrice#exists() exist}. */
  static Map<String, Object> avgPrice(SymbolSpec spec, AveragePrice average, long eventTime) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "avgPrice");
    event.put("E", eventTime);
    event.put("s", spec.symbol());
    event.put("i", average.minutes() + "m");
    event.put("w", spec.weightedPrice(average.quoteUnits(), average.lots()).toPlainString());
    event.put("T", average.lastTradeTime());
    return event;
  }

  /** Quote turnover divided by base volume, 8 decimals; the last price when nothing traded. */
  private static String weightedPrice(
      SymbolSpec spec, long volumeLots, long quoteUnits, long lastTicks) {
    return volumeLots == 0
        ? price(spec, lastTicks)
        : spec.weightedPrice(quoteUnits, volumeLots).toPlainString();
  }

  private static List<List<String>> levels(SymbolSpec spec, Map<Long, Long> levels) {
    List<List<String>> out = new ArrayList<>(levels.size());
    levels.forEach((ticks, lots) -> out.add(List.of(price(spec, ticks), quantity(spec, lots))));
    return out;
  }

  private static List<List<String>> levels(SymbolSpec spec, List<long[]> levels) {
    List<List<String>> out = new ArrayList<>(levels.size());
    levels.forEach(level -> out.add(List.of(price(spec, level[0]), quantity(spec, level[1]))));
    return out;
  }

  private static String price(SymbolSpec spec, long ticks) {
    return ticks == 0 ? ZERO : spec.price(ticks).toPlainString();
  }

  private static String quantity(SymbolSpec spec, long lots) {
    return spec.quantity(lots).toPlainString();
  }

  private static String units(long units) {
    return Assets.fromUnits(units).toPlainString();
  }
}
