package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * Service level objectives of trading-api.
 *
 * @param availabilityPercent Share of successful requests, in percent, e.g. 99.9.
 * @param latencyP99Milliseconds 99th percentile request latency to stay under, in milliseconds.
 */
public record SloSpec(
    @Default("99.9") @Pattern(Patterns.PERCENT) String availabilityPercent,
    @Default("250") @Min(1) @Max(60000) Integer latencyP99Milliseconds) {}
