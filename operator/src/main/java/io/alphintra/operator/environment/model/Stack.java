package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;

/**
 * One set of Deployments (one per service) at one version. RollingUpdate environments have a single stack
 * without a color; blue-green environments have the live color and, during a rollout, the new one.
 *
 * @param color the stack's color, or null for RollingUpdate
 * @param version the image tag its pods run
 * @param replicas pods per service, or null to leave the count to the HorizontalPodAutoscaler
 * @param live whether the active Services select this stack
 */
public record Stack(Color color, String version, Integer replicas, boolean live) {}
