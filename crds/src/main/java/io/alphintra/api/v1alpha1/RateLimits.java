package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Request limits the connector enforces before the venue does.
 *
 * @param requestWeightPerMinute Request weight per minute, as the venue counts it (Binance Spot:
 *     6000).
 * @param ordersPer10Seconds New orders per ten seconds (Binance Spot: 100).
 */
public record RateLimits(
    @Default("6000") @Min(1) @Max(1000000) Integer requestWeightPerMinute,
    @Default("100") @Min(1) @Max(100000) Integer ordersPer10Seconds) {}
