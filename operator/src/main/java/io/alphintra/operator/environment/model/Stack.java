package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;
import java.util.EnumMap;
import java.util.Map;

/**
 * One set of Deployments (one per service) at one version. RollingUpdate environments have a single
 * stack without a color; blue-green environments have the live color and, during a rollout, the new
 * one.
 *
 * @param color the stack's color, or null for RollingUpdate
 * @param version the image tag its pods run
 * @param replicas pods of each service whose count the operator decides; a service left out keeps
 *     the count its HorizontalPodAutoscaler chose (each service autoscales on its own)
 * @param live whether the active Services select this stack
 */
public record Stack(
    Color color, String version, Map<PlatformService, Integer> replicas, boolean live) {
  public Stack {
    replicas = Map.copyOf(replicas);
  }

  /** The count of {@code service}, or null to leave it to the service's autoscaler. */
  public Integer replicasOf(PlatformService service) {
    return replicas.get(service);
  }

  /** The same count for every service. */
  public static Map<PlatformService, Integer> everyService(int replicas) {
    Map<PlatformService, Integer> counts = new EnumMap<>(PlatformService.class);
    for (PlatformService service : PlatformService.values()) {
      counts.put(service, replicas);
    }
    return counts;
  }
}
