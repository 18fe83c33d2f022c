package io.alphintra.api.v1alpha1;

/**
 * CPU and memory for one container, as Kubernetes quantities.
 *
 * @param requests What the scheduler reserves for the container. Defaults depend on the service and tier.
 * @param limits The most the container may use: CPU is throttled above it, memory above it kills the container.
 */
public record ComputeResources(ResourceAmounts requests, ResourceAmounts limits) {}
