package io.alphintra.strategyengine.engine;

import io.alphintra.strategyengine.execution.OrderIntent;
import io.alphintra.strategyengine.execution.OrderVenue;
import io.alphintra.strategyengine.marketdata.MarketDataFeed;
import io.alphintra.strategyengine.position.Fill;
import io.alphintra.strategyengine.position.Portfolio;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The engine's Prometheus metrics: orders by side and outcome, fills, candles, signals, PnL gauges
 * and one {@code strategy_phase} gauge per phase that is 1 for the current one.
 */
@Component
class EngineMetrics {

  private final MeterRegistry registry;
  private final Counter candles;
  private final Counter signals;
  private final Counter fills;

  EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.candles =
        Counter.builder("strategy.candles").description("Candles closed").register(registry);
    this.signals =
        Counter.builder("strategy.signals")
            .description("Signals that asked for a position")
            .register(registry);
    this.fills = Counter.builder("strategy.fills").description("Fills applied").register(registry);
  }

  void bind(StrategyEngine engine, Portfolio portfolio) {
    Gauge.builder("strategy.pnl.realized", portfolio, p -> p.realizedPnl().doubleValue())
        .description("Realized PnL in the quote asset, fees deducted")
        .register(registry);
    Gauge.builder("strategy.pnl.unrealized", portfolio, p -> p.unrealizedPnl().doubleValue())
        .description("Unrealized PnL at the last trade prices")
        .register(registry);
    for (Phase phase : Phase.values()) {
      Gauge.builder("strategy.phase", engine, e -> e.phase() == phase ? 1 : 0)
          .description("1 for the engine's current phase")
          .tag("phase", phase.name())
          .register(registry);
    }
  }

  void bind(MarketDataFeed feed) {
    Gauge.builder("strategy.marketdata.connected", feed, f -> f.connected() ? 1 : 0)
        .description("1 while the market-data stream from the connector is open")
        .register(registry);
    FunctionCounter.builder("strategy.marketdata.reconnects", feed, MarketDataFeed::reconnects)
        .description("Re-opens of the market-data stream after it closed or failed")
        .register(registry);
    FunctionCounter.builder("strategy.book.snapshots", feed, MarketDataFeed::snapshots)
        .description("Order book snapshots fetched from the connector")
        .register(registry);
  }

  void candle() {
    candles.increment();
  }

  void signal() {
    signals.increment();
  }

  void order(OrderIntent intent, OrderVenue.Outcome outcome) {
    Counter.builder("strategy.orders")
        .description("Orders sent, by side and outcome")
        .tag("side", intent.buy() ? "buy" : "sell")
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  void fill(Fill fill) {
    fills.increment();
  }
}
