package io.alphintra.brokerconnector.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Order counters for Prometheus: {@code broker_orders_placed_total}, {@code
 * broker_orders_rejected_total{reason}}, {@code broker_orders_recovered_total{source}} (found by
 * lookup after an unknown outcome or before a first send, or rediscovered at startup) and {@code
 * broker_orders_resent_total}.
 */
@Component
public class OrderMetrics {

  private final MeterRegistry registry;
  private final Counter placed;
  private final Counter resent;

  public OrderMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.placed =
        Counter.builder("broker.orders.placed")
            .description("Orders the venue accepted")
            .register(registry);
    this.resent =
        Counter.builder("broker.orders.resent")
            .description("Orders sent again after the venue confirmed they did not exist")
            .register(registry);
  }

  void placed() {
    placed.increment();
  }

  void resent() {
    resent.increment();
  }

  /** {@code reason}: a filter name (PRICE_FILTER...) or the venue's error code. */
  void rejected(String reason) {
    Counter.builder("broker.orders.rejected")
        .description("Orders refused, before sending or by the venue")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /**
   * {@code source}: reconciliation (after an unknown outcome), startup (open orders rediscovered)
   * or venue (an id this process had not seen, found on the venue before sending).
   */
  void recovered(String source, int count) {
    Counter.builder("broker.orders.recovered")
        .description("Orders found on the venue rather than confirmed by a send")
        .tag("source", source)
        .register(registry)
        .increment(count);
  }
}
