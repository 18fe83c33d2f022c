package io.alphintra.brokerconnector.ratelimit;

/**
 * Rate-limit usage as of now, for health and metrics.
 *
 * @param usedWeight request weight used in the venue's current minute
 * @param weightLimit the effective weight limit per minute
 * @param orderCount new orders in the venue's current 10 s window
 * @param orderLimit the effective order limit per 10 s
 * @param backOffRemainingMillis how long the venue still asked us to stay away (429/418
 *     Retry-After)
 */
public record RateLimitSnapshot(
    int usedWeight, int weightLimit, int orderCount, int orderLimit, long backOffRemainingMillis) {}
