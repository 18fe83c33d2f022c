package io.alphintra.brokersimulator.market;

import io.alphintra.brokersimulator.engine.ExecutionReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Venue metrics: orders processed (rate it in Prometheus for orders/s), the matching latency
 * histogram and the resting-order depth of each book.
 */
public final class TradingMetrics implements ExchangeObserver {

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter> accepted = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> matchLatency = new ConcurrentHashMap<>();

  public TradingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void bindBooks(Exchange exchange) {
    for (SymbolSpec spec : exchange.specs()) {
      Gauge.builder(
              "simulator.book.resting.orders",
              exchange,
              venue -> venue.restingOrders(spec.symbol()))
          .description("Orders resting in the book")
          .tag("symbol", spec.symbol())
          .register(registry);
    }
  }

  @Override
  public void onOrderProcessed(String symbol, ExecutionReport report, long matchNanos) {
    (report.isRejected() ? rejected : accepted)
        .computeIfAbsent(
            symbol,
            s ->
                Counter.builder("simulator.orders")
                    .description("New orders processed by the matching engine")
                    .tag("symbol", s)
                    .tag("outcome", report.isRejected() ? "rejected" : "accepted")
                    .register(registry))
        .increment();
    matchLatency
        .computeIfAbsent(
            symbol,
            s ->
                Timer.builder("simulator.match.latency")
                    .description("Time the matching engine spent on one new order")
                    .tag("symbol", s)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(matchNanos, TimeUnit.NANOSECONDS);
  }
}
