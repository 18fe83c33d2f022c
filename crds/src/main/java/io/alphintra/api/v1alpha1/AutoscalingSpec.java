package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * HorizontalPodAutoscaler (autoscaling/v2) settings of one service.
 *
 * @param enabled Turns the autoscaler on or off; defaults to off in Development and on elsewhere.
 * @param minReplicas Fewest pods the autoscaler keeps (Staging 2, Production 3).
 * @param maxReplicas Most pods the autoscaler may create (Staging 5, Production 50); must be >=
 *     minReplicas.
 * @param targetCpuUtilizationPercent Average CPU use, in percent of the request, the autoscaler
 *     aims at (default 70).
 * @param targetMemoryUtilizationPercent Average memory use, in percent of the request, the
 *     autoscaler aims at (default 80).
 * @param requestsPerSecondPerPod HTTP requests per second per pod the autoscaler aims at
 *     (Production 1000). Used only when the cluster serves the custom metrics API; otherwise the
 *     environment reports a Warning.
 */
@ValidationRule(
    value =
        "!has(self.minReplicas) || !has(self.maxReplicas) || self.maxReplicas >= self.minReplicas",
    message =
        "autoscaling.maxReplicas must be greater than or equal to autoscaling.minReplicas: raise maxReplicas or lower minReplicas")
public record AutoscalingSpec(
    Boolean enabled,
    @Min(1) @Max(1000) Integer minReplicas,
    @Min(1) @Max(1000) Integer maxReplicas,
    @Min(1) @Max(100) Integer targetCpuUtilizationPercent,
    @Min(1) @Max(100) Integer targetMemoryUtilizationPercent,
    @Min(1) @Max(1000000) Integer requestsPerSecondPerPod) {}
