package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.CheckResult;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.EnvironmentPlan;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.ServicePlan;
import io.alphintra.operator.environment.model.rollout.BlueGreenRollout;
import io.alphintra.operator.environment.model.rollout.ColorObservation;
import io.alphintra.operator.environment.model.rollout.RolloutInput;
import io.alphintra.operator.environment.model.rollout.RolloutSettings;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.HealthChecker;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Observes what the blue-green state machine needs: each color's Deployments and pods, and the
 * result of a health check when one is due (it runs it). The decision itself is {@link
 * BlueGreenRollout#next}, a pure function of what this returns.
 */
final class BlueGreenObserver {
  private static final Set<String> STUCK =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CreateContainerConfigError");

  private final HealthChecker checker;
  private final CheckEndpoints endpoints;

  BlueGreenObserver(HealthChecker checker, CheckEndpoints endpoints) {
    this.checker = checker;
    this.endpoints = endpoints;
  }

  RolloutInput observe(
      TradingEnvironment te,
      EnvironmentPlan plan,
      Collection<Deployment> deployments,
      Collection<Pod> pods,
      Collection<Service> services,
      Instant now) {
    RolloutSettings settings = RolloutSettings.of(te.getSpec().rollout());
    Map<Color, ColorObservation> observed = new EnumMap<>(Color.class);
    for (Color color : Color.values()) {
      observed.put(color, observe(te, color, deployments, pods));
    }
    CheckResult check =
        BlueGreenRollout.checkDue(te.getStatus(), settings, now)
            .map(color -> check(te, settings))
            .orElse(null);
    Color live =
        te.getStatus() != null && te.getStatus().activeColor() != null
            ? te.getStatus().activeColor()
            : Color.blue;
    Map<PlatformService, Integer> planReplicas = new EnumMap<>(PlatformService.class);
    Map<PlatformService, Integer> liveReplicas = new EnumMap<>(PlatformService.class);
    Map<PlatformService, Integer> newColorReplicas = new EnumMap<>(PlatformService.class);
    for (PlatformService service : PlatformService.values()) {
      ServicePlan sp = plan.services().get(service);
      Optional<Integer> liveNow =
          deployments.stream()
              .filter(
                  d ->
                      d.getMetadata()
                          .getName()
                          .equals(EnvironmentNames.deployment(te, service, live)))
              .map(d -> d.getSpec().getReplicas())
              .filter(r -> r != null)
              .findFirst();
      liveNow.ifPresent(count -> liveReplicas.put(service, count));
      if (!sp.autoscaling()) {
        planReplicas.put(service, sp.replicas());
      }
      // Each service's new color starts at what that service's live color runs now (its own HPA's
      // choice).
      newColorReplicas.put(
          service,
          sp.autoscaling()
              ? Math.max(liveNow.orElse(sp.baselineReplicas()), sp.minReplicas())
              : sp.replicas());
    }
    Map<String, String> annotations =
        Optional.ofNullable(te.getMetadata().getAnnotations()).orElse(Map.of());
    return new RolloutInput(
        te.getMetadata().getName(),
        plan.version(),
        settings,
        te.getStatus(),
        planReplicas,
        liveReplicas,
        newColorReplicas,
        observed,
        activeSelects(te, services),
        check,
        annotations.get(Api.PROMOTE_ANNOTATION),
        annotations.containsKey(Api.ABORT_ANNOTATION),
        now);
  }

  /** The color every active Service selects, or null when they do not all select the same one. */
  private static Color activeSelects(TradingEnvironment te, Collection<Service> services) {
    Set<String> selected = new HashSet<>();
    for (PlatformService service : PlatformService.values()) {
      String name = EnvironmentNames.activeService(te, service);
      selected.add(
          services.stream()
              .filter(s -> s.getMetadata().getName().equals(name))
              .findFirst()
              .map(s -> s.getSpec().getSelector())
              .map(selector -> selector.get(Labels.COLOR))
              .orElse(""));
    }
    return Arrays.stream(Color.values())
        .filter(color -> selected.equals(Set.of(color.name())))
        .findFirst()
        .orElse(null);
  }

  /**
   * Checks every service of the color under test: through the preview Services before promotion,
   * the active after.
   */
  private CheckResult check(TradingEnvironment te, RolloutSettings settings) {
    var phase = te.getStatus().rollout().phase();
    List<URI> urls = new ArrayList<>();
    for (PlatformService service : PlatformService.values()) {
      String name =
          phase == io.alphintra.api.v1alpha1.RolloutPhase.Promoted
              ? EnvironmentNames.activeService(te, service)
              : EnvironmentNames.previewService(te, service);
      urls.add(
          endpoints.resolve(
              te.getMetadata().getNamespace(),
              name,
              PlatformService.HTTP_PORT,
              settings.checkPath()));
    }
    return checker.check(urls, settings.checkTimeout());
  }

  private static ColorObservation observe(
      TradingEnvironment te,
      Color color,
      Collection<Deployment> deployments,
      Collection<Pod> pods) {
    int desired = 0;
    int current = 0;
    int ready = 0;
    int updated = 0;
    int found = 0;
    boolean settled = true;
    for (PlatformService service : PlatformService.values()) {
      String name = EnvironmentNames.deployment(te, service, color);
      for (Deployment d : deployments) {
        if (!d.getMetadata().getName().equals(name)) {
          continue;
        }
        found++;
        desired += Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        var status = d.getStatus();
        current += status == null ? 0 : Optional.ofNullable(status.getReplicas()).orElse(0);
        ready += status == null ? 0 : Optional.ofNullable(status.getReadyReplicas()).orElse(0);
        updated += status == null ? 0 : Optional.ofNullable(status.getUpdatedReplicas()).orElse(0);
        long observedGeneration =
            status == null ? 0 : Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
        settled &=
            observedGeneration >= Optional.ofNullable(d.getMetadata().getGeneration()).orElse(0L);
      }
    }
    Map<PlatformService, Integer> replicas = new EnumMap<>(PlatformService.class);
    Map<PlatformService, Integer> readyReplicas = new EnumMap<>(PlatformService.class);
    for (PlatformService service : PlatformService.values()) {
      String name = EnvironmentNames.deployment(te, service, color);
      deployments.stream()
          .filter(d -> d.getMetadata().getName().equals(name))
          .findFirst()
          .ifPresent(
              d -> {
                replicas.put(service, Optional.ofNullable(d.getSpec().getReplicas()).orElse(1));
                readyReplicas.put(
                    service,
                    d.getStatus() == null
                        ? 0
                        : Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0));
              });
    }
    int restarts = 0;
    boolean stuck = false;
    for (Pod pod : pods) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (!color.name().equals(labels.get(Labels.COLOR))
          || pod.getStatus() == null
          || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        restarts += Optional.ofNullable(c.getRestartCount()).orElse(0);
        stuck |=
            c.getState() != null
                && c.getState().getWaiting() != null
                && STUCK.contains(c.getState().getWaiting().getReason());
      }
    }
    return new ColorObservation(
        color,
        found == PlatformService.values().length,
        desired,
        current,
        ready,
        updated,
        settled,
        restarts,
        stuck,
        replicas,
        readyReplicas);
  }
}
