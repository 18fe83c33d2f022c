package io.alphintra.brokerconnector.ratelimit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Gauges {@code broker_ratelimit_used_weight}, {@code broker_ratelimit_weight_limit}, {@code
 * broker_ratelimit_order_count} and {@code broker_ratelimit_order_limit}: alert when used
 * approaches the limit.
 */
@Component
class RateLimitMetrics {

  RateLimitMetrics(VenueRateLimiter limiter, MeterRegistry registry) {
    Gauge.builder("broker.ratelimit.used.weight", limiter, l -> l.snapshot().usedWeight())
        .description("Request weight used in the venue's current minute")
        .register(registry);
    Gauge.builder("broker.ratelimit.weight.limit", limiter, l -> l.snapshot().weightLimit())
        .description("Effective request weight limit per minute")
        .register(registry);
    Gauge.builder("broker.ratelimit.order.count", limiter, l -> l.snapshot().orderCount())
        .description("New orders in the venue's current 10 s window")
        .register(registry);
    Gauge.builder("broker.ratelimit.order.limit", limiter, l -> l.snapshot().orderLimit())
        .description("Effective new-order limit per 10 s")
        .register(registry);
  }
}
