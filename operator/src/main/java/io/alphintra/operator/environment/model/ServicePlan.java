package io.alphintra.operator.environment.model;

/**
 * One service's settings after tier defaults and spec overrides are merged.
 *
 * @param service the service
 * @param replicas pods when not autoscaled
 * @param autoscaling whether an HPA owns the replica count
 * @param minReplicas HPA floor
 * @param maxReplicas HPA ceiling
 * @param cpuPercent HPA CPU target
 * @param memoryPercent HPA memory target
 * @param requestsPerSecondPerPod HPA request-rate target, or null
 * @param cpuRequest container CPU request
 * @param memoryRequest container memory request
 * @param cpuLimit container CPU limit
 * @param memoryLimit container memory limit
 */
public record ServicePlan(
    PlatformService service,
    int replicas,
    boolean autoscaling,
    int minReplicas,
    int maxReplicas,
    int cpuPercent,
    int memoryPercent,
    Integer requestsPerSecondPerPod,
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit) {

  /**
   * The pods the live stack should have right now when nothing else decides: replicas, or the HPA
   * floor.
   */
  public int baselineReplicas() {
    return autoscaling ? minReplicas : replicas;
  }
}
