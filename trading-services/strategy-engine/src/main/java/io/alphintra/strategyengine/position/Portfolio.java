package io.alphintra.strategyengine.position;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** The strategy's positions and the last trade price of each symbol; thread-safe. */
public final class Portfolio {

  private final Map<String, Position> positions = new TreeMap<>();
  private final Map<String, BigDecimal> lastPrices = new TreeMap<>();

  public synchronized void apply(Fill fill) {
    positions.merge(
        fill.symbol(),
        PositionMath.apply(Position.FLAT, fill),
        (before, ignored) -> PositionMath.apply(before, fill));
  }

  /** Replaces all positions (Live: rebuilt from trading-api on start). */
  public synchronized void reset() {
    positions.clear();
  }

  public synchronized void mark(String symbol, BigDecimal lastPrice) {
    lastPrices.put(symbol, lastPrice);
  }

  public synchronized Position position(String symbol) {
    return positions.getOrDefault(symbol, Position.FLAT);
  }

  public synchronized BigDecimal lastPrice(String symbol) {
    return lastPrices.get(symbol);
  }

  public synchronized Map<String, Position> positions() {
    return Map.copyOf(positions);
  }

  public synchronized BigDecimal realizedPnl() {
    return positions.values().stream()
        .map(Position::realizedPnl)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Unrealized PnL of one symbol at its last price; zero without one. */
  public synchronized BigDecimal unrealizedPnl(String symbol) {
    BigDecimal last = lastPrices.get(symbol);
    return last == null ? BigDecimal.ZERO : position(symbol).unrealizedAt(last);
  }

  public synchronized BigDecimal unrealizedPnl() {
    return positions.keySet().stream()
        .map(this::unrealizedPnl)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
