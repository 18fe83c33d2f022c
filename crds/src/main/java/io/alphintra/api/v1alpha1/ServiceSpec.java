package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Overrides for one service; unset fields take the tier's default.
 *
 * @param replicas Pod count when autoscaling is off (Development 1, Staging 2, Production 3). With
 *     autoscaling on, the autoscaler owns the count and this is ignored.
 * @param resources CPU and memory requests and limits of the service container.
 * @param autoscaling HorizontalPodAutoscaler settings (off in Development, 2-5 in Staging, 3-50 in
 *     Production).
 */
public record ServiceSpec(
    @Min(0) @Max(100) Integer replicas, ComputeResources resources, AutoscalingSpec autoscaling) {}
