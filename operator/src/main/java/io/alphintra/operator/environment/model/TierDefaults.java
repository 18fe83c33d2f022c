package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.RolloutStrategy;
import io.alphintra.api.v1alpha1.Tier;

/**
 * What a tier means when the spec does not say otherwise.
 *
 * @param replicas pods per service without autoscaling
 * @param autoscaling whether an HPA is created
 * @param minReplicas HPA floor
 * @param maxReplicas HPA ceiling
 * @param cpuPercent HPA CPU utilization target
 * @param memoryPercent HPA memory utilization target
 * @param requestsPerSecondPerPod HPA request-rate target, or null for none
 * @param minAvailable PDB minAvailable, or null
 * @param maxUnavailable PDB maxUnavailable, or null
 * @param networkPolicy whether NetworkPolicies are created
 * @param rollout the rollout strategy
 * @param spread whether pods spread over zones and hosts
 * @param cpuRequest container CPU request
 * @param memoryRequest container memory request
 * @param cpuLimit container CPU limit
 * @param memoryLimit container memory limit
 */
public record TierDefaults(
    int replicas,
    boolean autoscaling,
    int minReplicas,
    int maxReplicas,
    int cpuPercent,
    int memoryPercent,
    Integer requestsPerSecondPerPod,
    Integer minAvailable,
    Integer maxUnavailable,
    boolean networkPolicy,
    RolloutStrategy rollout,
    boolean spread,
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit) {

  private static final TierDefaults DEVELOPMENT =
      new TierDefaults(
          1,
          false,
          1,
          1,
          70,
          80,
          null,
          null,
          null,
          false,
          RolloutStrategy.RollingUpdate,
          false,
          "100m",
          "256Mi",
          "1",
          "512Mi");
  private static final TierDefaults STAGING =
      new TierDefaults(
          2,
          true,
          2,
          5,
          70,
          80,
          null,
          1,
          null,
          true,
          RolloutStrategy.BlueGreen,
          false,
          "250m",
          "512Mi",
          "1",
          "1Gi");
  private static final TierDefaults PRODUCTION =
      new TierDefaults(
          3,
          true,
          3,
          50,
          70,
          80,
          1000,
          null,
          1,
          true,
          RolloutStrategy.BlueGreen,
          true,
          "500m",
          "1Gi",
          "2",
          "2Gi");

  /** The defaults of a tier. */
  public static TierDefaults of(Tier tier) {
    return switch (tier) {
      case Development -> DEVELOPMENT;
      case Staging -> STAGING;
      case Production -> PRODUCTION;
    };
  }
}
