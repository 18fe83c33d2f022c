package io.alphintra.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An E2E run stopped half-way, the way CI cancels a job or a developer kills a hung build: a JVM
 * running {@code OfflineClusterSmokeE2E} through the JUnit Platform launcher ({@link
 * HalfWayE2ERun}), its cluster created and shared by the harness as in any run, held after the
 * first test while its test namespace exists. SIGTERM or SIGHUP runs the harness's shutdown hook,
 * which deletes the cluster before the JVM exits; SIGKILL runs no hook and leaves it to the
 * cluster's watchdog. Either way no process, directory, mount or listening port of the cluster is
 * left.
 */
@EnabledOnOs(
    value = OS.LINUX,
    disabledReason = "reads /proc; the offline cluster runs on Linux only")
class E2ERunTeardownE2E {
  private static final String E2E_CLASS = "io.alphintra.e2e.smoke.OfflineClusterSmokeE2E";
  private static final String TEST_NAMESPACE_PREFIX = "smoke-";
  private static final Duration HALF_WAY = Duration.ofMinutes(4);
  private static final Duration GONE = Duration.ofMinutes(1);

  private final List<ClusterOwnerJvm> runs = new ArrayList<>();

  @AfterEach
  void stopRuns() throws InterruptedException {
    for (ClusterOwnerJvm run : runs) {
      run.close();
    }
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "HUP"})
  void aSignalHalfWayThroughARunDeletesItsClusterThroughTheShutdownHook(String signal)
      throws Exception {
    ClusterOwnerJvm run = start("sig" + signal.toLowerCase(Locale.ROOT));
    HalfWay halfWay = awaitHalfWay(run);

    long stop = System.nanoTime();
    run.signal(signal);
    assertThat(run.awaitExit(GONE))
        .as("exit code 128 + %s", signal)
        .isEqualTo(Signals.exitCode(signal));
    assertThat(run.lines())
        .as("the shutdown hook's log")
        .anyMatch(l -> l.contains("Torn down: offline cluster " + halfWay.cluster()));
    ClusterFootprint.awaitGone(
        halfWay.cluster(), halfWay.running().ports(), GONE, () -> run.tail(30));
    report("SIG" + signal + " half-way (shutdown hook)", stop);
  }

  @Test
  void sigkillHalfWayThroughARunLeavesItsClusterToTheWatchdog() throws Exception {
    ClusterOwnerJvm run = start("sigkill");
    HalfWay halfWay = awaitHalfWay(run);

    long kill = System.nanoTime();
    run.signal("KILL");
    assertThat(run.awaitExit(GONE)).as("exit code 128 + KILL").isEqualTo(Signals.exitCode("KILL"));
    ClusterFootprint.awaitGone(
        halfWay.cluster(), halfWay.running().ports(), GONE, () -> run.tail(30));
    assertThat(run.lines())
        .as("the run's log: no shutdown hook runs on SIGKILL")
        .noneMatch(l -> l.contains("Tearing down offline cluster"));
    report("SIGKILL half-way (watchdog)", kill);
  }

  private ClusterOwnerJvm start(String name) throws Exception {
    ClusterOwnerJvm run =
        ClusterOwnerJvm.start(
            "the E2E run",
            HalfWayE2ERun.class.getName(),
            List.of(E2E_CLASS),
            Path.of("target", "e2e-run-teardown", name + ".log"));
    runs.add(run);
    return run;
  }

  /** The run's cluster and what runs of it, once the run holds after its first test. */
  private record HalfWay(String cluster, ClusterFootprint running) {}

  /**
   * Waits until the run holds after its first test, which passed, and checks that its cluster runs
   * and its API server answers with the test namespace the E2E class created.
   */
  private static HalfWay awaitHalfWay(ClusterOwnerJvm run) {
    String cluster = run.awaitClusterName(HALF_WAY);
    assertThat(run.awaitLine(HalfWayE2ERun.HALF_WAY, HALF_WAY))
        .as("the first test of the run")
        .endsWith(": SUCCESSFUL");
    ClusterFootprint running = ClusterFootprint.of(cluster).assertRunning();
    Path kubeconfig = ClusterFootprint.clustersDir().resolve(cluster).resolve("kubeconfig.yaml");
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
            .build()) {
      assertThat(client.namespaces().list().getItems())
          .as("namespaces of %s, half-way through the run", cluster)
          .map(Namespace::getMetadata)
          .anyMatch(m -> m.getName().startsWith(TEST_NAMESPACE_PREFIX));
    }
    return new HalfWay(cluster, running);
  }

  private static void report(String what, long since) {
    System.out.printf(
        "E2ERunTeardownE2E: %s: nothing of the cluster left after %d ms%n",
        what, (System.nanoTime() - since) / 1_000_000);
  }
}
