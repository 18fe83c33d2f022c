package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An environment with no rollout step running (RollingUpdate, or blue-green between rollouts,
 * paused or blocked): its one live stack at the spec's version, the color its active Services
 * select, and the rollout part of status left as it is.
 */
public final class SteadyState {
  private SteadyState() {}

  /** The one live stack: the spec's version, in the active color (blue-green) or without one. */
  public static List<Stack> stacks(TradingEnvironment te, EnvironmentPlan plan) {
    Color color = plan.blueGreen() ? activeColor(te) : null;
    return List.of(new Stack(color, plan.version(), fixedReplicas(plan), true));
  }

  /**
   * The color the active Services select: the one recorded in status, blue for a new environment.
   */
  public static Color activeColor(TradingEnvironment te) {
    var status = te.getStatus();
    return status != null && status.activeColor() != null ? status.activeColor() : Color.blue;
  }

  /**
   * The rollout part of status left as it is, while the environment is paused or blocked by a
   * problem.
   */
  public static RolloutView unchangedView(TradingEnvironment te, EnvironmentPlan plan) {
    var status = te.getStatus();
    if (status == null || status.activeVersion() == null) {
      return new RolloutView(activeColor(te), plan.version(), null, null, null);
    }
    return new RolloutView(
        activeColor(te),
        status.activeVersion(),
        status.previewVersion(),
        status.rollout(),
        status.history());
  }

  /**
   * Live-stack replicas of the services without an autoscaler; each autoscaled one keeps its HPA's
   * count.
   */
  public static Map<PlatformService, Integer> fixedReplicas(EnvironmentPlan plan) {
    Map<PlatformService, Integer> counts = new EnumMap<>(PlatformService.class);
    plan.services()
        .forEach(
            (service, sp) -> {
              if (!sp.autoscaling()) {
                counts.put(service, sp.replicas());
              }
            });
    return counts;
  }
}
