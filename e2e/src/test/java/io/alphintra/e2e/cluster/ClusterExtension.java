package io.alphintra.e2e.cluster;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the end-to-end {@link Cluster}: started once, on first use, and shared by every E2E class
 * of the run; the root store closes it (tears it down) when the run ends, its shutdown hook does so
 * if the JVM is stopped first, and an offline cluster's watchdog if the JVM is killed.
 */
public final class ClusterExtension implements ParameterResolver {
  /**
   * The E2Es sharing this cluster rely on kwok's fake pods (images of trading-api and
   * strategy-engine do not exist yet), so they never ask for the real node; RealNodeBrokerE2E does.
   */
  private static final Set<ProviderKind> CANDIDATES =
      EnumSet.of(ProviderKind.KUBECONFIG, ProviderKind.K3S, ProviderKind.OFFLINE);

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Cluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            Cluster.class, k -> ClusterProviders.start("e2e", CANDIDATES), Cluster.class);
  }
}
