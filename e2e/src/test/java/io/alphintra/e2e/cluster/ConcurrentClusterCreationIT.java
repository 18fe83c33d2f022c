package io.alphintra.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Two offline clusters created at the same moment on one machine, as two runs or two checkouts do:
 * kwokctl gives each the first free ports, so without {@code offline-cluster.sh} making creations
 * take turns both would get the same ones and one cluster would not work. Both come up, each on
 * ports of its own.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the offline cluster runs on Linux only")
class ConcurrentClusterCreationIT {
  private static final Duration UP = Duration.ofMinutes(4);

  private final Toolchain toolchain = Toolchain.locate();
  private final List<String> clusters = new ArrayList<>();

  @AfterEach
  void deleteClusters() {
    clusters.forEach(name -> run("down", name));
  }

  @Test
  void twoClustersCreatedAtOnceBothComeUpOnPortsOfTheirOwn() throws Exception {
    String suffix =
        HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    clusters.addAll(List.of("at-once-a-" + suffix, "at-once-b-" + suffix));

    List<Future<Toolchain.Result>> ups;
    try (ExecutorService both = Executors.newFixedThreadPool(clusters.size())) {
      ups = clusters.stream().map(name -> both.submit(() -> run("up", name))).toList();
    }
    for (int i = 0; i < clusters.size(); i++) {
      Toolchain.Result up = ups.get(i).get();
      assertThat(up.exitCode())
          .as("offline-cluster.sh up %s:\n%s", clusters.get(i), up.stderr())
          .isZero();
    }
    ClusterFootprint a = ClusterFootprint.of(clusters.get(0)).assertRunning();
    ClusterFootprint b = ClusterFootprint.of(clusters.get(1)).assertRunning();
    assertThat(a.ports())
        .as("ports of %s and of %s", a.cluster(), b.cluster())
        .doesNotContainAnyElementsOf(b.ports());
  }

  /** The cluster is owned by this JVM: its watchdog deletes it should the JVM be killed. */
  private Toolchain.Result run(String command, String name) {
    return toolchain.run(
        List.of("bash", toolchain.script("offline-cluster.sh").toString(), command, name),
        Map.of(OfflineClusterProvider.OWNER_PID_ENV, Long.toString(ProcessHandle.current().pid())),
        UP);
  }
}
