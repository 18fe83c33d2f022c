package io.alphintra.operator;

import io.alphintra.operator.broker.BrokerConnectionReconciler;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.environment.TradingEnvironmentReconciler;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.GeneratedSecrets;
import io.alphintra.operator.runtime.HealthChecker;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.SecretDigestKey;
import io.alphintra.operator.strategy.StrategyReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator: out of cluster against the current kubeconfig, or in cluster with its
 * service account.
 */
public final class OperatorMain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);
  private static final String LEASE_NAME = "alphintra-operator";
  private static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  private final Operator operator;
  private final KubernetesClient client;
  private final LeaderLease lease;
  private final HTTPServer metricsServer;
  private final HealthChecker checker;
  private final BrokerConnectionReconciler brokers;
  private final StrategyReconciler strategies;
  private final ApplyWaves waves;

  private OperatorMain(
      Operator operator,
      KubernetesClient client,
      LeaderLease lease,
      HTTPServer metricsServer,
      HealthChecker checker,
      BrokerConnectionReconciler brokers,
      StrategyReconciler strategies,
      ApplyWaves waves) {
    this.operator = operator;
    this.client = client;
    this.lease = lease;
    this.metricsServer = metricsServer;
    this.checker = checker;
    this.brokers = brokers;
    this.strategies = strategies;
    this.waves = waves;
  }

  public static void main(String[] args) {
    OperatorMain running =
        start(
            OperatorConfig.from(System.getenv(), inCluster(), ownNamespace()),
            new KubernetesClientBuilder().build());
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "operator-shutdown"));
  }

  /** Starts an operator on {@code client}; the caller closes it. */
  public static OperatorMain start(OperatorConfig config, KubernetesClient client) {
    return start(config, client, null);
  }

  /**
   * Starts an operator whose rollout health checks reach Services through {@code endpoints} (null:
   * the configured URL template); tests point it at a local HTTP server standing in for the pods.
   */
  public static OperatorMain start(
      OperatorConfig config, KubernetesClient client, CheckEndpoints endpoints) {
    return start(config, client, endpoints, hostname());
  }

  /**
   * Like {@link #start(OperatorConfig, KubernetesClient, CheckEndpoints)}, holding the leader
   * election Lease (when elected) as {@code identity}: in a pod its name, the default.
   */
  public static OperatorMain start(
      OperatorConfig config, KubernetesClient client, CheckEndpoints endpoints, String identity) {
    LeaderLease lease =
        config.leaderElection()
            ? new LeaderLease(
                client,
                config.leaseNamespace() != null ? config.leaseNamespace() : client.getNamespace(),
                LEASE_NAME,
                identity)
            : null;
    CollectorRegistry registry = new CollectorRegistry(true);
    DefaultExports.register(registry);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withConcurrentReconciliationThreads(config.reconcileParallelism())
                  .withMetrics(metrics)
                  // Closed by close(), after the Lease is released with it.
                  .withCloseClientOnStop(false)
                  .withStopOnInformerErrorDuringStartup(true)
                  // Reconcilers write status with the resourceVersion it was computed from
                  // (optimistic lock) and hand the
                  // result to the controller's cache (StatusWriter); comparing versions keeps that
                  // newer copy until the
                  // informer delivers it, so the next reconcile never starts from the status before
                  // the write.
                  .withParseResourceVersions(true)
                  .withCacheSyncTimeout(Duration.ofMinutes(2));
              if (lease != null) {
                o.withLeaderElectionConfiguration(lease.configuration());
              }
            });
    Clock clock = Clock.systemUTC();
    SecretDigest digest =
        SecretDigestKey.load(new GeneratedSecrets(client), operatorNamespace(config));
    HealthChecker checker = new HealthChecker(Duration.ofSeconds(60));
    CheckEndpoints resolved =
        endpoints != null ? endpoints : CheckEndpoints.template(config.healthCheckUrlTemplate());
    // One pool of apply threads for all controllers: every reconcile applies up to
    // applyParallelism children at once.
    ApplyWaves waves =
        ApplyWaves.concurrent(config.applyParallelism(), config.reconcileParallelism());
    var reconciler =
        new TradingEnvironmentReconciler(
            config,
            client,
            waves,
            checker,
            resolved,
            new EventRecorder(client, hostname()),
            metrics,
            clock,
            digest);
    // Annotations (promote, abort) do not bump the generation, yet must trigger a reconcile.
    register(operator, reconciler, TradingEnvironmentReconciler.NAME, config, false);
    var brokers =
        new BrokerConnectionReconciler(
            config,
            client,
            waves,
            resolved,
            new EventRecorder(client, hostname()),
            metrics,
            clock,
            digest);
    register(operator, brokers, BrokerConnectionReconciler.NAME, config, true);
    // The reset-halt annotation does not bump the generation, yet must trigger a reconcile.
    var strategies =
        new StrategyReconciler(
            config, client, waves, resolved, new EventRecorder(client, hostname()), metrics, clock);
    register(operator, strategies, StrategyReconciler.NAME, config, false);
    HTTPServer server = metricsServer(config, registry);
    operator.start();
    LOG.info(
        "Alphintra operator started: namespaces={}, leaderElection={}, parallelism={}, apply parallelism={}, "
            + "resync={}, network policies admit operator namespace={}, monitoring namespace={}",
        config.watchesAllNamespaces() ? "all" : config.watchNamespaces(),
        config.leaderElection(),
        config.reconcileParallelism(),
        config.applyParallelism(),
        config.resyncInterval(),
        config.operatorNamespace(),
        config.monitoringNamespace());
    return new OperatorMain(operator, client, lease, server, checker, brokers, strategies, waves);
  }

  private static <P extends io.fabric8.kubernetes.api.model.HasMetadata> void register(
      Operator operator,
      io.javaoperatorsdk.operator.api.reconciler.Reconciler<P> reconciler,
      String name,
      OperatorConfig config,
      boolean generationAware) {
    operator.register(
        reconciler,
        c -> {
          c.withName(name)
              .withFieldManager(ChildApplier.FIELD_MANAGER)
              .withReconciliationMaxInterval(config.resyncInterval())
              .withGenerationAware(generationAware);
          if (!config.watchesAllNamespaces()) {
            c.settingNamespaces(config.watchNamespaces());
          }
        });
  }

  /**
   * Stops reconciling, then hands the Lease over at once (when this replica holds it): the next
   * replica takes over within the election's retry period instead of waiting for the lease to
   * expire.
   */
  @Override
  public void close() {
    if (lease != null) {
      lease.closing();
    }
    operator.stop();
    if (lease != null) {
      lease.release();
    }
    client.close();
    waves.close();
    checker.close();
    brokers.close();
    strategies.close();
    if (metricsServer != null) {
      metricsServer.close();
    }
  }

  private static HTTPServer metricsServer(OperatorConfig config, CollectorRegistry registry) {
    if (config.metricsPort() == 0) {
      return null;
    }
    try {
      return new HTTPServer.Builder()
          .withInetSocketAddress(new InetSocketAddress(config.metricsPort()))
          .withRegistry(registry)
          .withDaemonThreads(true)
          .build();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot serve metrics on port "
              + config.metricsPort()
              + ": set ALPHINTRA_METRICS_PORT to a free port, or 0 to disable",
          e);
    }
  }

  /**
   * The configured namespace, else the one this pod runs in, else {@code default} (a local run).
   */
  private static String operatorNamespace(OperatorConfig config) {
    if (config.operatorNamespace() != null) {
      return config.operatorNamespace();
    }
    try {
      return Files.readString(Path.of(SERVICE_ACCOUNT, "namespace")).trim();
    } catch (IOException e) {
      return "default";
    }
  }

  private static boolean inCluster() {
    Map<String, String> env = System.getenv();
    return env.containsKey("KUBERNETES_SERVICE_HOST")
        && Files.exists(Path.of(SERVICE_ACCOUNT, "token"));
  }

  /** The namespace this pod runs in, from its service account; null outside a cluster. */
  private static String ownNamespace() {
    Path file = Path.of(OperatorConfig.SERVICE_ACCOUNT_NAMESPACE_FILE);
    try {
      String namespace = Files.isReadable(file) ? Files.readString(file).trim() : "";
      return namespace.isEmpty() ? null : namespace;
    } catch (IOException e) {
      LOG.warn("cannot read {}: {}; set ALPHINTRA_OPERATOR_NAMESPACE", file, e.getMessage());
      return null;
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "alphintra-operator";
    }
  }
}
