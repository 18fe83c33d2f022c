package io.alphintra.brokersimulator.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Binance-style limits ({@code alphintra.simulator.rate-limits.*}).
 *
 * @param requestWeightPerMinute REQUEST_WEIGHT per IP per minute
 * @param ordersPer10Seconds ORDERS per account per 10 seconds
 * @param ordersPerDay ORDERS per account per UTC day
 * @param rawRequestsPer5Minutes RAW_REQUESTS per IP per 5 minutes, whatever their weight
 * @param banAfterViolations requests refused with 429 within one window before the IP is banned
 *     (418)
 * @param banSeconds how long a ban lasts
 */
@ConfigurationProperties("alphintra.simulator.rate-limits")
public record RateLimitProperties(
    @DefaultValue("6000") int requestWeightPerMinute,
    @DefaultValue("100") int ordersPer10Seconds,
    @DefaultValue("200000") int ordersPerDay,
    @DefaultValue("61000") int rawRequestsPer5Minutes,
    @DefaultValue("10") int banAfterViolations,
    @DefaultValue("120") int banSeconds) {}
