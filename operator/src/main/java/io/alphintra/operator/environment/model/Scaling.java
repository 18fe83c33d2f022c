package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;

/** HorizontalPodAutoscalers (live color only) and PodDisruptionBudgets of the platform services. */
public final class Scaling {
  /** The per-pod request rate the services export through the custom metrics API. */
  public static final String REQUEST_RATE_METRIC = "http_server_requests_per_second";

  private Scaling() {}

  /** The HPA of a service, targeting the live Deployment; null when autoscaling is off. */
  public static HorizontalPodAutoscaler autoscaler(EnvironmentInputs in, PlatformService service) {
    ServicePlan sp = in.plan().services().get(service);
    if (!sp.autoscaling()) {
      return null;
    }
    List<MetricSpec> metrics = new ArrayList<>();
    metrics.add(resource("cpu", sp.cpuPercent()));
    metrics.add(resource("memory", sp.memoryPercent()));
    if (sp.requestsPerSecondPerPod() != null && in.customMetricsApi()) {
      metrics.add(
          new MetricSpecBuilder()
              .withType("Pods")
              .withNewPods()
              .withNewMetric()
              .withName(REQUEST_RATE_METRIC)
              .endMetric()
              .withNewTarget()
              .withType("AverageValue")
              .withAverageValue(new Quantity(String.valueOf(sp.requestsPerSecondPerPod())))
              .endTarget()
              .endPods()
              .build());
    }
    var te = in.environment();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(
            Owners.owned(
                te,
                EnvironmentNames.autoscaler(te, service),
                Labels.of(in.name(), service.component(), null)))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(EnvironmentNames.deployment(te, service, in.liveStack().color()))
        .endScaleTargetRef()
        .withMinReplicas(sp.minReplicas())
        .withMaxReplicas(sp.maxReplicas())
        .withMetrics(metrics)
        .endSpec()
        .build();
  }

  /** Whether a service wants a request-rate target the cluster cannot serve. */
  public static boolean requestRateUnavailable(EnvironmentInputs in, PlatformService service) {
    ServicePlan sp = in.plan().services().get(service);
    return sp.autoscaling() && sp.requestsPerSecondPerPod() != null && !in.customMetricsApi();
  }

  /** The PDB of a service over all its colors; null in tiers without one. */
  public static PodDisruptionBudget disruptionBudget(
      EnvironmentInputs in, PlatformService service) {
    var plan = in.plan();
    if (plan.minAvailable() == null && plan.maxUnavailable() == null) {
      return null;
    }
    var te = in.environment();
    return new PodDisruptionBudgetBuilder()
        .withMetadata(
            Owners.owned(
                te,
                EnvironmentNames.disruptionBudget(te, service),
                Labels.of(in.name(), service.component(), null)))
        .withNewSpec()
        .withMinAvailable(plan.minAvailable() == null ? null : new IntOrString(plan.minAvailable()))
        .withMaxUnavailable(
            plan.maxUnavailable() == null ? null : new IntOrString(plan.maxUnavailable()))
        .withNewSelector()
        .withMatchLabels(Labels.selector(in.name(), service.component()))
        .endSelector()
        .endSpec()
        .build();
  }

  private static MetricSpec resource(String name, int percent) {
    return new MetricSpecBuilder()
        .withType("Resource")
        .withNewResource()
        .withName(name)
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(percent)
        .endTarget()
        .endResource()
        .build();
  }
}
