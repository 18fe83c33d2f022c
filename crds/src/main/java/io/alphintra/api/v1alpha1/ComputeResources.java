package io.alphintra.api.v1alpha1;

/**
 * CPU and memory for one container, as Kubernetes quantities.
 *
 * @param requests What the scheduler reserves for the container. Unset values take the workload's
 *     default (for TradingEnvironment services, the tier's).
 * @param limits The most the container may use: CPU is throttled above it, memory above it kills
 *     the container.
 */
public record ComputeResources(ResourceAmounts requests, ResourceAmounts limits) {}
