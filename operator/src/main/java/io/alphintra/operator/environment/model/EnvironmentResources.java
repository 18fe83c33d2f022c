package io.alphintra.operator.environment.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The desired children of a TradingEnvironment, computed from its inputs alone. The managed database's Secret is
 * not part of it: its password is generated once, so the reconciler creates it separately and never overwrites it.
 */
public final class EnvironmentResources {
  private EnvironmentResources() {}

  /** Every child the environment should have, in the order they are applied. */
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
      for (Stack stack : in.stacks()) {
        children.add(ServiceWorkloads.deployment(in, service, stack, config));
      }
      children.add(ServiceWorkloads.activeService(in, service));
      if (in.plan().blueGreen()) {
        children.add(ServiceWorkloads.previewService(in, service));
      }
      children.add(Scaling.autoscaler(in, service));
      children.add(Scaling.disruptionBudget(in, service));
    }
    children.addAll(PlatformNetworkPolicies.all(in));
    return children.stream().filter(Objects::nonNull).toList();
  }
}
