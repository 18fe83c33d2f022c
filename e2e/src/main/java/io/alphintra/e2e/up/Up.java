package io.alphintra.e2e.up;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterProviders;
import io.alphintra.e2e.cluster.ClusterSettings;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.OperatorChart;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.e2e.platform.PlatformImages;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.environment.model.AuthServiceSecrets;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.PlatformService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The main job: a running trading platform for a new user. A cluster (the one given explicitly,
 * else the offline control plane with a real node where one can run, else with kwok's fake node),
 * the CRDs, the operator (from its Helm chart on the real node; in this JVM otherwise), and the
 * examples in namespace {@code alphintra-dev}: the dev TradingEnvironment, the Simulator
 * BrokerConnection and a Paper and a Live strategy, all Ready. Then it prints {@code kubectl get
 * alphintra -A}, how to log in to trading-api, and a line per strategy every few seconds until
 * Ctrl-C, SIGTERM or SIGHUP, which stop the operator and delete the offline cluster it started
 * (shutdown hooks); when this JVM dies without them (SIGKILL, a crash), the cluster's watchdog
 * deletes it (see {@code OfflineClusterProvider}).
 *
 * <p>Run it with {@code ./mvnw -Pup,images -DskipTests package}. {@code ALPHINTRA_*} environment
 * variables configure the operator when it runs in this JVM.
 */
public final class Up {
  /** The namespace the examples go to. */
  public static final String NAMESPACE = "alphintra-dev";

  /** The namespace the chart installs the operator into, on the real node. */
  public static final String OPERATOR_NAMESPACE = "alphintra-system";

  /** Printed once every resource is Ready. */
  public static final String UP_LINE = "Alphintra is up";

  /** Printed when a strategy's first order is seen. */
  public static final String FIRST_ORDER_LINE = "First strategy order";

  private static final String ENVIRONMENT = "trading-environment-dev.yaml";
  private static final String CONNECTION = "broker-connection-simulator.yaml";
  private static final List<String> STRATEGIES =
      List.of("strategy-paper.yaml", "strategy-live.yaml");
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration REFRESH = Duration.ofSeconds(5);

  private Up() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    long start = System.nanoTime();
    Toolchain toolchain = Toolchain.locate();
    PlatformImages images = new PlatformImages(toolchain);
    EnumSet<ProviderKind> candidates = EnumSet.of(ProviderKind.KUBECONFIG, ProviderKind.OFFLINE);
    Optional<String> noImages = images.missingReason();
    if (noImages.isEmpty()) {
      candidates.add(ProviderKind.REAL_NODE);
    } else {
      say("No real node: the platform's images are not built: " + noImages.get());
    }
    say(
        "Starting a cluster (explicit kubeconfig/context if given, else the offline control plane"
            + " with a real node where one can run here, else with kwok's fake node)…");
    Cluster cluster =
        ClusterProviders.start(
            ClusterSettings.fromEnvironment(), toolchain, "alphintra-up", candidates);
    try {
      say("Cluster: " + cluster.description());
      boolean realNode = cluster.kind() == ProviderKind.REAL_NODE;
      if (realNode) {
        long imported = System.nanoTime();
        cluster.importImages(images.all());
        say("Images imported into the real node's containerd in " + secondsSince(imported) + " s");
      }
      Platform.installCrds(cluster)
          .forEach(crd -> say("CRD installed: " + crd.getMetadata().getName()));
      Platform.ensureNamespace(cluster, NAMESPACE, realNode ? Platform.RESTRICTED : Map.of());
      startOperator(cluster, realNode, images);

      await(cluster, apply(cluster, ENVIRONMENT));
      String connection = apply(cluster, CONNECTION);
      if (realNode) {
        await(cluster, connection);
        createLiveAccounts(cluster);
      } else {
        say(
            "kwok's fake pods run no code: the connection and the strategies are created, but"
                + " nothing connects or trades (a real node needs root, the Debian packages and"
                + " the images).");
      }
      List<String> strategies = STRATEGIES.stream().map(file -> apply(cluster, file)).toList();
      if (realNode) {
        strategies.forEach(strategy -> await(cluster, strategy));
      }
      printSummary(cluster, toolchain, start);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    // The cluster's shutdown hook stops the operator first, then tears the cluster down.
    cluster
        .closeBeforeTeardown(new StrategyLines(cluster.client(), NAMESPACE, start))
        .printUntilStopped(REFRESH);
  }

  private static void startOperator(Cluster cluster, boolean realNode, PlatformImages images) {
    if (realNode) {
      Platform.ensureNamespace(cluster, OPERATOR_NAMESPACE, Platform.RESTRICTED);
      OperatorChart chart = new OperatorChart(cluster);
      long installed = System.nanoTime();
      chart.install(OPERATOR_NAMESPACE, Map.of("postgresImage", images.postgresImage()));
      chart.awaitReady(OPERATOR_NAMESPACE, 1, READY_TIMEOUT);
      say(
          "Operator installed from its Helm chart (helm/alphintra-operator) into namespace "
              + OPERATOR_NAMESPACE
              + ", Ready in "
              + secondsSince(installed)
              + " s");
      return;
    }
    Map<String, String> overrides = new HashMap<>();
    System.getenv()
        .forEach(
            (k, v) -> {
              if (k.startsWith("ALPHINTRA_") && !k.startsWith("ALPHINTRA_E2E_")) {
                overrides.put(k, v);
              }
            });
    OperatorMain operator =
        cluster.closeBeforeTeardown(
            Platform.startOperator(cluster, List.of(NAMESPACE), null, overrides));
    say(
        "Operator running in this JVM (no real node, so no image of it runs), watching namespace "
            + NAMESPACE);
  }

  /**
   * A Live strategy trades on a trading-api account owned by it, which an ADMIN creates: the main
   * job does it as the environment's admin, through port-forwards.
   */
  private static void createLiveAccounts(Cluster cluster) throws IOException {
    TradingEnvironment te = environment(cluster);
    String connection =
        example(cluster, CONNECTION, BrokerConnection.class).getMetadata().getName();
    try (AdminSession admin = AdminSession.open(cluster.client(), te)) {
      for (String file : STRATEGIES) {
        Strategy strategy = example(cluster, file, Strategy.class);
        if (strategy.getSpec().mode() == TradingMode.Live) {
          int status = admin.createStrategyAccount(strategy.getMetadata().getName(), connection);
          say(
              "trading-api account "
                  + strategy.getMetadata().getName()
                  + " for the Live strategy, created by the admin through a port-forward ("
                  + (status == 201 ? "created" : "it existed")
                  + ")");
        }
      }
    }
  }

  private static void printSummary(Cluster cluster, Toolchain toolchain, long start) {
    TradingEnvironment te = environment(cluster);
    String kubectl = "kubectl -n " + NAMESPACE;
    say("");
    say("$ kubectl get alphintra -A");
    say(
        cluster
            .kubectl(Duration.ofSeconds(30), "get", "alphintra", "-A")
            .requireSuccess("kubectl get alphintra")
            .stdout()
            .stripTrailing());
    say("");
    say("$ kubectl get pods -n " + NAMESPACE);
    say(
        cluster
            .kubectl(Duration.ofSeconds(30), "get", "pods", "-n", NAMESPACE)
            .stdout()
            .stripTrailing());
    say("");
    say(UP_LINE + " in " + secondsSince(start) + " s. In another shell:");
    say(
        "  export KUBECONFIG="
            + cluster.kubeconfig()
            + (cluster.context() == null ? "" : "  # context " + cluster.context())
            + "; alias kubectl="
            + toolchain.kubectl());
    say("trading-api, as the admin (" + AuthServiceSecrets.ADMIN_USERNAME + "):");
    say(
        "  "
            + kubectl
            + " port-forward svc/"
            + EnvironmentNames.activeService(te, PlatformService.AUTH_SERVICE)
            + " 8081:"
            + PlatformService.HTTP_PORT
            + " & "
            + kubectl
            + " port-forward svc/"
            + EnvironmentNames.activeService(te, PlatformService.TRADING_API)
            + " 8080:"
            + PlatformService.HTTP_PORT
            + " &");
    say(
        "  PASSWORD=$("
            + kubectl
            + " get secret "
            + EnvironmentNames.authAdminSecret(te)
            + " -o jsonpath='{.data."
            + AuthServiceSecrets.PASSWORD_KEY
            + "}' | base64 -d)");
    say(
        "  TOKEN=$(curl -s localhost:8081/api/v1/auth/login -H 'Content-Type: application/json'"
            + " -d \"{\\\"username\\\":\\\""
            + AuthServiceSecrets.ADMIN_USERNAME
            + "\\\",\\\"password\\\":\\\"$PASSWORD\\\"}\" | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
    say("  curl -s localhost:8080/api/v1/accounts -H \"Authorization: Bearer $TOKEN\"");
    say(
        "Stop it with Ctrl-C, or from a script with: kill "
            + ProcessHandle.current().pid()
            + " (SIGTERM; SIGHUP too). That stops the operator"
            + (cluster.kind() == ProviderKind.KUBECONFIG
                ? "; the cluster and what was applied stay."
                : " and deletes the offline cluster."));
    say("");
  }

  /** Applies an example; returns its resource as kubectl names it ({@code kind/name}). */
  private static String apply(Cluster cluster, String example) {
    HasMetadata applied =
        Platform.apply(cluster, cluster.toolchain().example(example), NAMESPACE).getFirst();
    say("Applied crds/examples/" + example + " to namespace " + NAMESPACE);
    return applied.getKind().toLowerCase(Locale.ROOT) + "/" + applied.getMetadata().getName();
  }

  /** {@code kubectl wait --for=condition=Ready}; on a timeout, prints the resource and fails. */
  private static void await(Cluster cluster, String resource) {
    long since = System.nanoTime();
    say("Waiting for " + resource + " to be Ready…");
    Toolchain.Result wait =
        cluster.kubectl(
            READY_TIMEOUT.plusSeconds(10),
            "wait",
            "-n",
            NAMESPACE,
            "--for=condition=Ready",
            resource,
            "--timeout=" + READY_TIMEOUT.toSeconds() + "s");
    if (!wait.ok()) {
      say(
          cluster
              .kubectl(Duration.ofSeconds(30), "get", resource, "-n", NAMESPACE, "-o", "yaml")
              .stdout());
      wait.requireSuccess("kubectl wait --for=condition=Ready " + resource);
    }
    say(wait.stdout().strip() + " (" + secondsSince(since) + " s)");
  }

  /** The example's TradingEnvironment, as the cluster has it now. */
  private static TradingEnvironment environment(Cluster cluster) {
    String name = example(cluster, ENVIRONMENT, TradingEnvironment.class).getMetadata().getName();
    return cluster
        .client()
        .resources(TradingEnvironment.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .get();
  }

  private static <T extends HasMetadata> T example(Cluster cluster, String file, Class<T> type) {
    return Platform.loadFirst(cluster, cluster.toolchain().example(file), type);
  }

  private static long secondsSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
  }

  static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
