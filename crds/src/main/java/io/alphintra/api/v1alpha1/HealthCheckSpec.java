package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * HTTP checks of the new color before it is promoted.
 *
 * @param path HTTP path probed on each service through the preview Service; 2xx counts as success.
 * @param intervalSeconds Time between two checks.
 * @param timeoutSeconds How long one check may take before it counts as a failure; must not exceed
 *     intervalSeconds.
 * @param successThreshold Consecutive successful checks needed before promotion.
 */
@ValidationRule(
    value =
        "!has(self.timeoutSeconds) || !has(self.intervalSeconds) || self.timeoutSeconds <= self.intervalSeconds",
    message =
        "prePromotion.timeoutSeconds must not exceed prePromotion.intervalSeconds: shorten the timeout or lengthen the interval")
public record HealthCheckSpec(
    @Default("/actuator/health/readiness") @Pattern("^/[-a-zA-Z0-9._~/]*$") String path,
    @Default("5") @Min(1) @Max(300) Integer intervalSeconds,
    @Default("2") @Min(1) @Max(60) Integer timeoutSeconds,
    @Default("3") @Min(1) @Max(100) Integer successThreshold) {}
