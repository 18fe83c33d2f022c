package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import java.util.List;

/**
 * Everything the desired state of an environment is computed from; the reconciler gathers it, the
 * builders are pure functions of it.
 *
 * @param environment the TradingEnvironment
 * @param plan its resolved settings
 * @param stacks the Deployments' stacks to run
 * @param previewColor the color the preview Services select (blue-green only)
 * @param databaseSecretHash hash of the database Secret's content; a change rolls the pods
 * @param authSecretHash hash of auth-service's signing-key and admin Secrets; a change rolls its
 *     pods
 * @param customMetricsApi whether the cluster serves custom.metrics.k8s.io
 * @param postgresImage image of the managed PostgreSQL
 * @param admitted namespaces outside the environment its NetworkPolicies let in
 * @param brokerConnections the names of the BrokerConnections bound to the environment, sorted;
 *     trading-api is told where each one's connector answers
 */
public record EnvironmentInputs(
    TradingEnvironment environment,
    EnvironmentPlan plan,
    List<Stack> stacks,
    Color previewColor,
    String databaseSecretHash,
    String authSecretHash,
    boolean customMetricsApi,
    String postgresImage,
    AdmittedNamespaces admitted,
    List<String> brokerConnections) {
  public EnvironmentInputs {
    brokerConnections = List.copyOf(brokerConnections);
  }

  /** The stack the active Services select. */
  public Stack liveStack() {
    return stacks.stream().filter(Stack::live).findFirst().orElseThrow();
  }

  public String name() {
    return environment.getMetadata().getName();
  }

  public String namespace() {
    return environment.getMetadata().getNamespace();
  }
}
