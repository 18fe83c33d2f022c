package io.alphintra.e2e.up;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterProviders;
import io.alphintra.e2e.cluster.ClusterSettings;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The main job: a cluster (the one given explicitly, else a fresh offline cluster), the CRDs, the
 * operator running in this JVM, and the dev example's TradingEnvironment in namespace {@code
 * alphintra-dev}, Ready. Runs until Ctrl-C, SIGTERM or SIGHUP, which stop the operator and delete
 * the offline cluster it started (shutdown hooks); when this JVM dies without them (SIGKILL, a
 * crash), the cluster's watchdog deletes it (see {@code OfflineClusterProvider}).
 *
 * <p>Run it with {@code ./mvnw -pl e2e -am -Pup -DskipTests package}. {@code ALPHINTRA_*}
 * environment variables configure the operator as usual.
 */
public final class Up {
  /** The namespace the dev example goes to. */
  public static final String NAMESPACE = "alphintra-dev";

  private static final String EXAMPLE = "trading-environment-dev.yaml";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private Up() {}

  public static void main(String[] args) throws InterruptedException {
    long start = System.nanoTime();
    Toolchain toolchain = Toolchain.locate();
    say(
        "Starting a cluster (explicit kubeconfig/context if given, else the offline control plane)…");
    Cluster cluster =
        ClusterProviders.start(
            ClusterSettings.fromEnvironment(),
            toolchain,
            "alphintra-up",
            EnumSet.of(ProviderKind.KUBECONFIG, ProviderKind.OFFLINE));
    try {
      say("Cluster: " + cluster.description());
      Platform.installCrds(cluster)
          .forEach(crd -> say("CRD installed: " + crd.getMetadata().getName()));
      Platform.ensureNamespace(cluster, NAMESPACE);

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
      say("Operator running in this JVM, watching namespace " + NAMESPACE);

      Platform.apply(cluster, toolchain.example(EXAMPLE), NAMESPACE);
      say(
          "Applied crds/examples/"
              + EXAMPLE
              + " to namespace "
              + NAMESPACE
              + "; waiting for te/dev to be Ready…");
      Toolchain.Result wait =
          cluster.kubectl(
              READY_TIMEOUT.plusSeconds(10),
              "wait",
              "-n",
              NAMESPACE,
              "--for=condition=Ready",
              "te/dev",
              "--timeout=" + READY_TIMEOUT.toSeconds() + "s");
      if (!wait.ok()) {
        say(
            cluster
                .kubectl(Duration.ofSeconds(30), "get", "te/dev", "-n", NAMESPACE, "-o", "yaml")
                .stdout());
        wait.requireSuccess("kubectl wait --for=condition=Ready te/dev");
      }
      say(wait.stdout().strip());
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
      say(
          "Alphintra is up in "
              + Duration.ofNanos(System.nanoTime() - start).toSeconds()
              + " s. In another shell:");
      say(
          "  export KUBECONFIG="
              + cluster.kubeconfig()
              + (cluster.context() == null ? "" : "  # context " + cluster.context()));
      say("  " + toolchain.kubectl() + " get alphintra -A");
      say(
          "Stop it with Ctrl-C, or from a script with: kill "
              + ProcessHandle.current().pid()
              + " (SIGTERM; SIGHUP too). That stops the operator"
              + (cluster.kind() == ProviderKind.OFFLINE
                  ? " and deletes the offline cluster."
                  : "; the cluster and what was applied stay."));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    // The cluster's shutdown hook stops the operator first, then tears the cluster down.
    new CountDownLatch(1).await();
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
