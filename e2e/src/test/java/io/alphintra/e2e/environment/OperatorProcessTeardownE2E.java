package io.alphintra.e2e.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterFootprint;
import io.alphintra.e2e.cluster.ClusterProviders;
import io.alphintra.e2e.cluster.ClusterSettings;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The operator an E2E test runs in a JVM of its own ({@link OperatorProcess}, as {@code
 * OperatorRestartE2E} does) goes with the offline cluster it works against. When the E2E run is
 * killed with SIGKILL no hook closes that JVM; the cluster's watchdog deletes the cluster with
 * {@code offline-cluster.sh down}, which must stop the operator too rather than leave it retrying a
 * dead API server until it gives up (about a minute later). This test runs that {@code down}
 * itself, on a cluster of its own.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the offline cluster runs on Linux only")
class OperatorProcessTeardownE2E {
  private static final Duration STARTED = Duration.ofMinutes(2);

  /**
   * {@code down} has stopped every process naming the cluster when it returns (SIGKILL 5 s after
   * SIGTERM); this only leaves time to reap the process.
   */
  private static final Duration STOPPED = Duration.ofSeconds(10);

  private static final Duration GONE = Duration.ofMinutes(1);
  private static final String NAMESPACE = "operator-process";

  @Test
  void deletingTheClusterStopsTheOperatorProcessWorkingAgainstIt() throws Exception {
    Toolchain toolchain = Toolchain.locate();
    try (Cluster cluster =
            ClusterProviders.start(
                new ClusterSettings(
                    ProviderKind.OFFLINE, null, null, ClusterSettings.DEFAULT_K3S_IMAGE),
                toolchain,
                "operator-process",
                EnumSet.of(ProviderKind.OFFLINE));
        FakeServiceEndpoints endpoints = new FakeServiceEndpoints()) {
      String name = cluster.kubeconfig().getParent().getFileName().toString();
      Platform.installCrds(cluster);
      Platform.ensureNamespace(cluster, NAMESPACE);
      Path log = Path.of("target", "operator-process", name, "operator.log");
      OperatorProcess operator =
          OperatorProcess.start(
              cluster,
              OperatorProcess.kubeconfig(cluster, log.getParent()),
              NAMESPACE,
              endpoints,
              log);
      await()
          .atMost(STARTED)
          .pollInterval(Duration.ofMillis(200))
          .alias("the operator's log says it started")
          .until(
              () ->
                  OperatorProcess.tail(log, 200).stream()
                      .anyMatch(l -> l.contains("operator started")));

      toolchain
          .run(
              List.of("bash", toolchain.script("offline-cluster.sh").toString(), "down", name),
              Duration.ofMinutes(2))
          .requireSuccess("offline-cluster.sh down " + name);

      assertThat(operator.endsWithin(STOPPED))
          .as(
              "the operator process ended with the cluster's down; its log ends with:\n%s",
              String.join("\n", OperatorProcess.tail(log, 20)))
          .isTrue();
      ClusterFootprint.awaitGone(
          name, Set.of(), GONE, () -> String.join("\n", OperatorProcess.tail(log, 20)));
    }
  }
}
