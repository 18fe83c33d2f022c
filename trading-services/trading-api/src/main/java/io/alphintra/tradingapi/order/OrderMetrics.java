package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.risk.RiskReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code trading_orders_total{result}}, {@code trading_risk_rejections_total{reason}} and the
 * {@code trading_order_placement_seconds} histogram (request in → answer out, venue round trip
 * included).
 */
@Component
class OrderMetrics {

  /** How a placement request ended. */
  enum Result {
    ACCEPTED,
    DUPLICATE,
    RISK_REJECTED,
    VENUE_REJECTED,
    NOT_SENT,
    UNKNOWN,
    INVALID,
    OVERLOADED
  }

  private final MeterRegistry meters;
  private final Timer placement;

  OrderMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.placement =
        Timer.builder("trading.order.placement")
            .description("Order placement latency, venue round trip included")
            .publishPercentileHistogram()
            .register(meters);
  }

  void order(Result result) {
    Counter.builder("trading.orders")
        .description("Order placement requests by result")
        .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
        .register(meters)
        .increment();
  }

  /** {@code trading_placement_retries_waiting}: retries waiting for their placement in flight. */
  void retriesWaiting(java.util.function.Supplier<Number> count) {
    Gauge.builder("trading.placement.retries.waiting", count)
        .description("Placement retries waiting, without a gate slot, for their attempt in flight")
        .register(meters);
  }

  /** {@code trading_placement_in_flight}: admission gate slots taken. */
  void placementsInFlight(java.util.function.Supplier<Number> count) {
    Gauge.builder("trading.placement.in.flight", count)
        .description("Placement requests holding an admission gate slot")
        .register(meters);
  }

  void riskRejection(RiskReason reason) {
    Counter.builder("trading.risk.rejections")
        .description("Orders refused by pre-trade risk, by reason")
        .tag("reason", reason.name())
        .register(meters)
        .increment();
  }

  Timer placement() {
    return placement;
  }
}
