package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.environment.model.rollout.RolloutInput;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one reconcile of a TradingEnvironment decides from, read once before deciding.
 *
 * @param environment the TradingEnvironment as read
 * @param plan its spec with defaults resolved
 * @param problem what blocks it (a rival environment, an unusable database Secret), or null
 * @param databaseSecretHash the keyed digest of the database Secret, or null when blocked
 * @param authSecretHash the keyed digest of auth-service's generated Secrets, or null when blocked
 * @param customMetricsApi whether a request-rate autoscaling target can be served
 * @param postgresImage the managed PostgreSQL's image (an operator setting)
 * @param admitted namespaces outside the environment its NetworkPolicies let in (operator settings)
 * @param brokerConnections the names of the BrokerConnections that name this environment, sorted
 * @param deployments the environment's Deployments
 * @param database the managed database's StatefulSet, or null
 * @param rollout what the blue-green state machine decides from (the colors, a check run for this
 *     step); null when no rollout step runs (RollingUpdate, paused, blocked)
 */
public record EnvironmentObservation(
    TradingEnvironment environment,
    EnvironmentPlan plan,
    Problem problem,
    String databaseSecretHash,
    String authSecretHash,
    boolean customMetricsApi,
    String postgresImage,
    AdmittedNamespaces admitted,
    List<String> brokerConnections,
    Set<Deployment> deployments,
    StatefulSet database,
    RolloutInput rollout) {

  /** Whether this step changes the children: not while paused or blocked. */
  public boolean acting() {
    return problem == null && !environment.getSpec().pausedOrDefault();
  }
}
