package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.operator.environment.model.PlatformService;
import java.util.Map;

/**
 * What the cluster shows of one color's Deployments, summed over the services.
 *
 * @param color the color
 * @param exists whether every service has a Deployment of this color
 * @param desired pods wanted, summed over the services
 * @param current pods that exist, of any template (status.replicas), summed
 * @param ready pods Ready, summed; during a rolling update this includes Ready pods of the previous
 *     template
 * @param updated pods at the current template, summed
 * @param settled whether every Deployment controller has observed its latest generation
 * @param restarts container restarts of the color's pods, summed
 * @param crashLooping a container of the color waits in CrashLoopBackOff or cannot pull its image
 * @param replicas each service's Deployment spec.replicas (a service without a Deployment is left
 *     out)
 * @param readyReplicas each service's Ready pods (a service without a Deployment is left out)
 */
public record ColorObservation(
    Color color,
    boolean exists,
    int desired,
    int current,
    int ready,
    int updated,
    boolean settled,
    int restarts,
    boolean crashLooping,
    Map<PlatformService, Integer> replicas,
    Map<PlatformService, Integer> readyReplicas) {

  public ColorObservation {
    replicas = Map.copyOf(replicas);
    readyReplicas = Map.copyOf(readyReplicas);
  }

  /** Nothing of this color exists. */
  public static ColorObservation absent(Color color) {
    return new ColorObservation(color, false, 0, 0, 0, 0, true, 0, false, Map.of(), Map.of());
  }

  /** Whether every service's Deployment asks for at least {@code counts} pods. */
  public boolean scaledTo(Map<PlatformService, Integer> counts) {
    return counts.entrySet().stream()
        .allMatch(e -> replicas.getOrDefault(e.getKey(), 0) >= e.getValue());
  }

  /**
   * Pods of the color that were created and are not Ready yet: each service's spec.replicas less
   * its Ready pods, summed.
   */
  public int starting() {
    return replicas.entrySet().stream()
        .mapToInt(e -> Math.max(0, e.getValue() - readyReplicas.getOrDefault(e.getKey(), 0)))
        .sum();
  }

  /**
   * How ready the color is, in words that do not count a Ready pod of an older template for a new
   * one: "3/4 ready", or, while a rolling update still runs pods of the previous template, "4/4
   * pods at the new template, 4 of the previous template still running, 4 Ready in all".
   */
  public String readiness() {
    if (current > updated) {
      return updated
          + "/"
          + desired
          + " pods at the new template, "
          + (current - updated)
          + " of the previous template still running, "
          + ready
          + " Ready in all";
    }
    return ready + "/" + desired + " ready";
  }

  /**
   * Every desired pod is Ready at the current template, and no pod of an older template is left:
   * like {@code kubectl rollout status}, since readyReplicas alone would count an old Ready pod for
   * an unready new one.
   */
  public boolean allReady() {
    return exists
        && settled
        && desired > 0
        && ready >= desired
        && updated >= desired
        && current <= updated;
  }
}
