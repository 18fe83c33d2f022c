package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.environment.model.EnvironmentHealth;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.PlatformService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what a TradingEnvironment's informers hold: its live Deployments, its rivals. */
final class ObservedChildren {
  private ObservedChildren() {}

  /**
   * The oldest TradingEnvironment of a namespace runs it; any other one reports
   * DuplicateEnvironment.
   */
  static Optional<Problem> duplicateOf(TradingEnvironment te, Context<TradingEnvironment> context) {
    Comparator<TradingEnvironment> age =
        Comparator.comparing(
                (TradingEnvironment t) -> String.valueOf(t.getMetadata().getCreationTimestamp()))
            .thenComparing(t -> t.getMetadata().getName());
    return context
        .getPrimaryCache()
        .list(te.getMetadata().getNamespace())
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .min(age)
        .filter(first -> !first.getMetadata().getName().equals(te.getMetadata().getName()))
        .map(
            first ->
                new Problem(
                    EnvironmentHealth.DUPLICATE_ENVIRONMENT,
                    "TradingEnvironment "
                        + first.getMetadata().getName()
                        + " already runs namespace "
                        + te.getMetadata().getNamespace()
                        + "; only one is allowed per namespace: delete this one or move it"));
  }

  static Map<PlatformService, Deployment> liveDeployments(
      EnvironmentInputs in, Set<Deployment> deployments) {
    Map<PlatformService, Deployment> live = new EnumMap<>(PlatformService.class);
    for (Deployment d : deployments) {
      liveService(in, d).ifPresent(service -> live.put(service, d));
    }
    return live;
  }

  static Optional<PlatformService> liveService(EnvironmentInputs in, Deployment d) {
    for (PlatformService service : PlatformService.values()) {
      if (EnvironmentNames.deployment(in.environment(), service, in.liveStack().color())
          .equals(d.getMetadata().getName())) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }
}
