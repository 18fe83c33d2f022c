package io.alphintra.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operator's settings, read once at start from {@code ALPHINTRA_*} environment variables.
 *
 * @param watchNamespaces namespaces to watch; empty means all namespaces
 * @param leaderElection whether to run leader election on a Lease
 * @param leaseNamespace namespace of the Lease; null means the operator's own namespace
 * @param reconcileParallelism concurrent reconciliations
 * @param applyParallelism children one reconciliation applies at once (within a wave, see {@code
 *     ApplyWaves})
 * @param resyncInterval longest time between two reconciliations of a resource
 * @param imageRegistry registry of the service images when a TradingEnvironment does not set one
 * @param postgresImage image of the managed PostgreSQL
 * @param metricsPort port of the Prometheus /metrics endpoint; 0 disables it
 * @param healthCheckUrlTemplate where rollout health checks reach a Service
 * @param operatorNamespace where the operator's health checks come from, admitted by environments'
 *     NetworkPolicies; null when unknown (running outside a cluster)
 * @param monitoringNamespace where Prometheus scrapes from, admitted to the metrics ports; null
 *     admits none
 * @param strategyDrainTimeout how long a strategy's engine may take to drain before the operator
 *     replaces, scales down or releases it anyway
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseNamespace,
    int reconcileParallelism,
    int applyParallelism,
    Duration resyncInterval,
    String imageRegistry,
    String postgresImage,
    int metricsPort,
    String healthCheckUrlTemplate,
    String operatorNamespace,
    String monitoringNamespace,
    Duration strategyDrainTimeout) {

  /** Where a pod finds the namespace it runs in. */
  public static final String SERVICE_ACCOUNT_NAMESPACE_FILE =
      "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

  public static final ConfigOption<Set<String>> WATCH_NAMESPACES =
      new ConfigOption<>(
          "ALPHINTRA_WATCH_NAMESPACES",
          "",
          "Comma-separated namespaces to watch; empty watches all namespaces.",
          OperatorConfig::namespaces);
  public static final ConfigOption<String> LEADER_ELECTION =
      new ConfigOption<>(
          "ALPHINTRA_LEADER_ELECTION",
          "auto",
          "true, false or auto: auto elects a leader on a Lease when running in a cluster, not when running locally.",
          OperatorConfig::leaderElectionMode);
  public static final ConfigOption<String> LEASE_NAMESPACE =
      new ConfigOption<>(
          "ALPHINTRA_LEASE_NAMESPACE",
          null,
          "Namespace of the leader-election Lease; defaults to the operator's own namespace.",
          Function.identity());
  public static final ConfigOption<Integer> RECONCILE_PARALLELISM =
      new ConfigOption<>(
          "ALPHINTRA_RECONCILE_PARALLELISM",
          "10",
          "Reconciliations that may run at once, 1 to 200.",
          raw -> bounded(Integer.parseInt(raw), 1, 200));
  public static final ConfigOption<Integer> APPLY_PARALLELISM =
      new ConfigOption<>(
          "ALPHINTRA_APPLY_PARALLELISM",
          "4",
          "Children one reconciliation applies at once, 1 to 20: ServiceAccounts, ConfigMaps and Secrets first, then "
              + "Services, then workloads, then the rest, each group concurrently; 1 applies one child at a time.",
          raw -> bounded(Integer.parseInt(raw), 1, 20));
  public static final ConfigOption<Duration> RESYNC_INTERVAL =
      new ConfigOption<>(
          "ALPHINTRA_RESYNC_INTERVAL",
          "PT10M",
          "Longest time between two reconciliations of a resource, ISO-8601 (PT10M) or seconds.",
          OperatorConfig::duration);
  public static final ConfigOption<String> IMAGE_REGISTRY =
      new ConfigOption<>(
          "ALPHINTRA_IMAGE_REGISTRY",
          "ghcr.io/alphintra",
          "Registry and path of the service images, used when a TradingEnvironment sets no spec.imageRegistry.",
          Function.identity());
  public static final ConfigOption<String> POSTGRES_IMAGE =
      new ConfigOption<>(
          "ALPHINTRA_POSTGRES_IMAGE",
          "postgres:16.4-alpine",
          "Image of the managed PostgreSQL of Development environments.",
          Function.identity());
  public static final ConfigOption<Integer> METRICS_PORT =
      new ConfigOption<>(
          "ALPHINTRA_METRICS_PORT",
          "8080",
          "Port of the Prometheus /metrics endpoint (and /-/healthy); 0 disables it.",
          raw -> bounded(Integer.parseInt(raw), 0, 65535));

  public static final ConfigOption<String> HEALTH_CHECK_URL_TEMPLATE =
      new ConfigOption<>(
          "ALPHINTRA_HEALTH_CHECK_URL_TEMPLATE",
          "http://{service}.{namespace}.svc:{port}",
          "Where blue-green health checks reach a Service; {service}, {namespace} and {port} are replaced. "
              + "Change it only when the operator runs outside the cluster network.",
          Function.identity());

  public static final ConfigOption<String> OPERATOR_NAMESPACE =
      new ConfigOption<>(
          "ALPHINTRA_OPERATOR_NAMESPACE",
          null,
          "Namespace the operator runs in, admitted by environments' NetworkPolicies to the ports it checks (blue-green "
              + "health checks, connector health). Defaults to the pod's own namespace (the chart sets it through the "
              + "downward API, else the service account's namespace file); none outside a cluster.",
          OperatorConfig::namespaceName);
  public static final ConfigOption<String> MONITORING_NAMESPACE =
      new ConfigOption<>(
          "ALPHINTRA_MONITORING_NAMESPACE",
          null,
          "Namespace of the Prometheus that scrapes the platform; environments' NetworkPolicies admit it to the "
              + "pods' metrics port. Unset admits no scraper.",
          OperatorConfig::namespaceName);

  public static final ConfigOption<Duration> STRATEGY_DRAIN_TIMEOUT =
      new ConfigOption<>(
          "ALPHINTRA_STRATEGY_DRAIN_TIMEOUT",
          "PT2M",
          "How long a strategy's engine may take to report DRAINED (open orders cancelled) before the operator "
              + "replaces, scales down or releases it anyway, with a DrainTimedOut warning; ISO-8601 or seconds.",
          OperatorConfig::duration);

  /** Every option, in the order the README lists them. */
  public static final List<ConfigOption<?>> OPTIONS =
      List.of(
          WATCH_NAMESPACES,
          LEADER_ELECTION,
          LEASE_NAMESPACE,
          RECONCILE_PARALLELISM,
          APPLY_PARALLELISM,
          RESYNC_INTERVAL,
          IMAGE_REGISTRY,
          POSTGRES_IMAGE,
          METRICS_PORT,
          HEALTH_CHECK_URL_TEMPLATE,
          OPERATOR_NAMESPACE,
          MONITORING_NAMESPACE,
          STRATEGY_DRAIN_TIMEOUT);

  /**
   * Reads the configuration from {@code env}; {@code inCluster} decides what leader election "auto"
   * means.
   */
  public static OperatorConfig from(Map<String, String> env, boolean inCluster) {
    return from(env, inCluster, null);
  }

  /**
   * Reads the configuration from {@code env}; {@code ownNamespace} (the service account's namespace
   * file, null outside a cluster) is the operator namespace when {@code
   * ALPHINTRA_OPERATOR_NAMESPACE} is unset.
   */
  public static OperatorConfig from(
      Map<String, String> env, boolean inCluster, String ownNamespace) {
    Function<String, String> source = env::get;
    String operatorNamespace = OPERATOR_NAMESPACE.read(source);
    String election = LEADER_ELECTION.read(source);
    return new OperatorConfig(
        WATCH_NAMESPACES.read(source),
        election.equals("auto") ? inCluster : Boolean.parseBoolean(election),
        LEASE_NAMESPACE.read(source),
        RECONCILE_PARALLELISM.read(source),
        APPLY_PARALLELISM.read(source),
        RESYNC_INTERVAL.read(source),
        IMAGE_REGISTRY.read(source),
        POSTGRES_IMAGE.read(source),
        METRICS_PORT.read(source),
        HEALTH_CHECK_URL_TEMPLATE.read(source),
        operatorNamespace != null ? operatorNamespace : ownNamespace,
        MONITORING_NAMESPACE.read(source),
        STRATEGY_DRAIN_TIMEOUT.read(source));
  }

  /** Whether the operator watches every namespace. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  private static Set<String> namespaces(String raw) {
    return Arrays.stream(raw.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String namespaceName(String raw) {
    if (!raw.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "expected a namespace name (a DNS-1123 label such as monitoring)");
    }
    return raw;
  }

  private static String leaderElectionMode(String raw) {
    String mode = raw.toLowerCase();
    if (!Set.of("true", "false", "auto").contains(mode)) {
      throw new IllegalArgumentException("expected true, false or auto");
    }
    return mode;
  }

  private static Duration duration(String raw) {
    Duration d =
        raw.startsWith("P") ? Duration.parse(raw) : Duration.ofSeconds(Long.parseLong(raw));
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("must be positive");
    }
    return d;
  }

  private static int bounded(int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be between " + min + " and " + max);
    }
    return value;
  }
}
