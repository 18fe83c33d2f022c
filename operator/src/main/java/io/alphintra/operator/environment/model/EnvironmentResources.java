package io.alphintra.operator.environment.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The desired children of a TradingEnvironment, computed from its inputs alone. The managed
 * database's Secret is not part of it: its password is generated once, so the reconciler creates it
 * separately and never overwrites it.
 */
public final class EnvironmentResources {
  private EnvironmentResources() {}

  /**
   * Every child the environment should have. The reconciler applies them by kind ({@code
   * ApplyWaves}): all Services switch before any Deployment is scaled, so no Service ever selects a
   * color that is going away.
   */
  public static List<HasMetadata> desired(EnvironmentInputs in) {
    List<HasMetadata> children = new ArrayList<>();
    if (in.plan().managedDatabase()) {
      children.add(ManagedPostgres.service(in));
      children.add(ManagedPostgres.statefulSet(in));
    }
    for (PlatformService service : PlatformService.values()) {
      ConfigMap config = ServiceWorkloads.configMap(in, service);
      children.add(ServiceWorkloads.serviceAccount(in, service));
      children.add(config);
      // Services before Deployments: when the active Service switches back, it leaves a color
      // before that color is
      // scaled down, never after.
      children.add(ServiceWorkloads.activeService(in, service));
      if (in.plan().blueGreen()) {
        children.add(ServiceWorkloads.previewService(in, service));
      }
      for (Stack stack : in.stacks()) {
        children.add(ServiceWorkloads.deployment(in, service, stack, config));
      }
      children.add(Scaling.autoscaler(in, service));
      children.add(Scaling.disruptionBudget(in, service));
    }
    // One for both colors, outside every pod-template hash: a connection that comes or goes
    // restarts nothing.
    children.add(TradingApiConnectors.configMap(in));
    children.addAll(PlatformNetworkPolicies.all(in));
    return children.stream().filter(Objects::nonNull).toList();
  }
}
