package io.alphintra.e2e.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the end-to-end {@link Cluster}: started once, on first use, and shared by every E2E class
 * of the run; the root store closes it (tears it down) when the run ends, its shutdown hook does so
 * if the JVM is stopped first, and an offline cluster's watchdog if the JVM is killed.
 */
public final class ClusterExtension implements ParameterResolver {
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
        .computeIfAbsent(Cluster.class, k -> ClusterProviders.start("e2e"), Cluster.class);
  }
}
