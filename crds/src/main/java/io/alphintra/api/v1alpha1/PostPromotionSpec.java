package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Checks after the active Service switched to the new color.
 *
 * @param windowSeconds How long after promotion the new color is still watched; 0 disables the
 *     window.
 * @param intervalSeconds Time between two checks inside the window.
 * @param failureThreshold Consecutive failed checks that count as a failed release.
 */
public record PostPromotionSpec(
    @Default("120") @Min(0) @Max(86400) Integer windowSeconds,
    @Default("10") @Min(1) @Max(300) Integer intervalSeconds,
    @Default("3") @Min(1) @Max(100) Integer failureThreshold) {}
