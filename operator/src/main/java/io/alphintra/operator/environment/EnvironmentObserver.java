package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.environment.model.AdmittedNamespaces;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.EnvironmentObservation;
import io.alphintra.operator.environment.model.EnvironmentPlan;
import io.alphintra.operator.environment.model.EnvironmentStatusModel;
import io.alphintra.operator.environment.model.SteadyState;
import io.alphintra.operator.environment.model.rollout.RolloutInput;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.ClusterCapabilities;
import io.alphintra.operator.runtime.HealthChecker;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The observe step of a TradingEnvironment reconcile: the plan, a problem that blocks it (a rival
 * environment, an unusable database Secret), the Secrets' digests (creating the generated ones
 * once), the BrokerConnections bound to it, the owned Deployments and database, and, when a rollout
 * step runs, what the blue-green state machine needs (running a due health check). Reads the
 * informer caches; writes nothing but generated Secrets that do not exist yet.
 */
final class EnvironmentObserver {
  private final OperatorConfig config;
  private final DatabaseCredentials databaseCredentials;
  private final AuthServiceCredentials authCredentials;
  private final ClusterCapabilities capabilities;
  private final BlueGreenObserver blueGreen;

  EnvironmentObserver(
      OperatorConfig config,
      KubernetesClient client,
      HealthChecker checker,
      CheckEndpoints endpoints,
      Clock clock,
      SecretDigest digest) {
    this.config = config;
    this.databaseCredentials = new DatabaseCredentials(client, digest);
    this.authCredentials = new AuthServiceCredentials(client, digest, clock);
    this.capabilities = new ClusterCapabilities(client, clock);
    this.blueGreen = new BlueGreenObserver(checker, endpoints);
  }

  EnvironmentObservation observe(
      TradingEnvironment te, Context<TradingEnvironment> context, Instant now) {
    EnvironmentPlan plan = EnvironmentPlan.of(te, config.imageRegistry());
    boolean customMetricsApi = wantsRequestRate(plan) && capabilities.customMetricsApi();
    AdmittedNamespaces admitted =
        new AdmittedNamespaces(config.operatorNamespace(), config.monitoringNamespace());
    Problem problem = duplicateOf(te, context).orElse(null);
    String secretHash = null;
    String authSecretHash = null;
    if (problem == null) {
      // The Secrets are named and labelled from the environment alone, before any decision.
      var bare =
          new EnvironmentInputs(
              te,
              plan,
              SteadyState.stacks(te, plan),
              null,
              null,
              null,
              customMetricsApi,
              config.postgresImage(),
              admitted,
              List.of());
      var credentials = databaseCredentials.resolve(bare, context);
      problem = credentials.problem();
      secretHash = credentials.hash();
      authSecretHash = authCredentials.resolve(bare, context);
    }
    StatefulSet database =
        context.getSecondaryResources(StatefulSet.class).stream()
            .filter(s -> s.getMetadata().getName().equals(EnvironmentNames.postgres(te)))
            .findFirst()
            .orElse(null);
    Set<Deployment> deployments = context.getSecondaryResources(Deployment.class);
    boolean acting = problem == null && !te.getSpec().pausedOrDefault();
    RolloutInput rollout =
        acting && plan.blueGreen()
            ? blueGreen.observe(
                te,
                plan,
                deployments,
                context.getSecondaryResources(Pod.class),
                context.getSecondaryResources(Service.class),
                now)
            : null;
    List<String> connections =
        EnvironmentEventSources.CONNECTIONS
            .referrersOf(te, BrokerConnection.class, context)
            .stream()
            .map(bc -> bc.getMetadata().getName())
            .toList();
    return new EnvironmentObservation(
        te,
        plan,
        problem,
        secretHash,
        authSecretHash,
        customMetricsApi,
        config.postgresImage(),
        admitted,
        connections,
        deployments,
        database,
        rollout);
  }

  /**
   * The oldest TradingEnvironment of a namespace runs it; any other one reports
   * DuplicateEnvironment.
   */
  private static Optional<Problem> duplicateOf(
      TradingEnvironment te, Context<TradingEnvironment> context) {
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
                    EnvironmentStatusModel.DUPLICATE_ENVIRONMENT,
                    "TradingEnvironment "
                        + first.getMetadata().getName()
                        + " already runs namespace "
                        + te.getMetadata().getNamespace()
                        + "; only one is allowed per namespace: delete this one or move it"));
  }

  private static boolean wantsRequestRate(EnvironmentPlan plan) {
    return plan.services().values().stream()
        .anyMatch(s -> s.autoscaling() && s.requestsPerSecondPerPod() != null);
  }
}
