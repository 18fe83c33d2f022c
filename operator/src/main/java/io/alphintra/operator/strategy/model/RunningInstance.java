package io.alphintra.operator.strategy.model;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;

/**
 * The engine instance a Strategy's Deployment runs, read from its pod template's annotations.
 *
 * @param revision the configuration revision it was started with
 * @param templateHash the hash of its pod template without the instance number
 * @param instance its instance number
 * @param replicas the Deployment's replica count: 0 when scaled down
 */
public record RunningInstance(String revision, String templateHash, long instance, int replicas) {

  /** The instance of {@code deployment}; null when there is no Deployment. */
  public static RunningInstance of(Deployment deployment) {
    if (deployment == null) {
      return null;
    }
    Map<String, String> annotations =
        Optional.ofNullable(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
            .orElse(Map.of());
    long instance;
    try {
      instance =
          Long.parseLong(annotations.getOrDefault(StrategyResources.INSTANCE_ANNOTATION, "0"));
    } catch (NumberFormatException e) {
      instance = 0;
    }
    return new RunningInstance(
        annotations.get(StrategyResources.REVISION_ANNOTATION),
        annotations.get(StrategyResources.TEMPLATE_HASH_ANNOTATION),
        instance,
        Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1));
  }

  /** Whether a pod of it may be running: the Deployment is not scaled to zero. */
  public boolean active() {
    return replicas > 0;
  }
}
