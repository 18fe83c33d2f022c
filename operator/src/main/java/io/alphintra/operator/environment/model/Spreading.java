package io.alphintra.operator.environment.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;
import java.util.Map;

/**
 * Production pods spread over zones and hosts. Both are preferences (ScheduleAnyway / preferred) so
 * a cluster with one zone or too few nodes still runs every replica.
 */
final class Spreading {
  private Spreading() {}

  static List<TopologySpreadConstraint> constraints(Map<String, String> selector) {
    return List.of(
        new TopologySpreadConstraintBuilder()
            .withMaxSkew(1)
            .withTopologyKey("topology.kubernetes.io/zone")
            .withWhenUnsatisfiable("ScheduleAnyway")
            .withNewLabelSelector()
            .withMatchLabels(selector)
            .endLabelSelector()
            .build());
  }

  static Affinity antiAffinity(Map<String, String> selector) {
    return new AffinityBuilder()
        .withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
        .withWeight(100)
        .withNewPodAffinityTerm()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector()
        .withMatchLabels(selector)
        .endLabelSelector()
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .build();
  }
}
