package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.ClusterFootprint;
import io.alphintra.e2e.cluster.Toolchain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The crash path of a real node: a cluster with a real node whose owner dies without any hook
 * running (SIGKILL, a JVM crash) is deleted by its watchdog, and the host is as before: no process
 * or mount of the cluster, and the same interfaces, netfilter chains and rules, nftables tables,
 * sysctls and kubepods cgroups as before the cluster was created. {@code RealNodeBrokerE2E} checks
 * the same after an orderly teardown; this is the path no test process can help with.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RealNodePods.NODE)
class RealNodeOwnerKilledE2E {
  private static final String NAME = "realnode-owner-killed";

  private final Toolchain toolchain = Toolchain.locate();
  private Process owner;

  @AfterEach
  void removeWhatIsLeft() {
    if (owner != null) {
      owner.destroyForcibly();
    }
    toolchain.run(
        List.of("bash", toolchain.script("offline-cluster.sh").toString(), "down", NAME),
        Duration.ofMinutes(2));
  }

  @Test
  void theWatchdogRemovesTheNodeAndRestoresTheHostWhenTheOwnerIsKilled() throws Exception {
    toolchain
        .run(
            List.of("bash", toolchain.script("offline-cluster.sh").toString(), "real-node-check"),
            Duration.ofSeconds(30))
        .requireSuccess("a real node can run here");
    HostState before = HostState.capture();
    owner = new ProcessBuilder("sleep", "infinity").start();

    toolchain
        .run(
            List.of(
                "bash",
                toolchain.script("offline-cluster.sh").toString(),
                "up",
                NAME,
                "--real-node"),
            Map.of("ALPHINTRA_KWOK_OWNER_PID", Long.toString(owner.pid())),
            Duration.ofMinutes(5))
        .requireSuccess("up --real-node with an owner");
    Path clusterDir = ClusterFootprint.clustersDir().resolve(NAME);
    assertThat(HostState.processesUnder(clusterDir))
        .as("the node's and the control plane's processes")
        .anySatisfy(p -> assertThat(p).contains("/kubelet "))
        .anySatisfy(p -> assertThat(p).contains("containerd"))
        .anySatisfy(p -> assertThat(p).contains("/kube-proxy "));
    assertThat(HostState.mountsUnder(clusterDir)).as("kubelet's mounts").isNotEmpty();
    assertThat(HostState.capture()).as("the host with the node running").isNotEqualTo(before);

    owner.destroyForcibly().waitFor();

    await("the watchdog deletes the cluster and restores the host")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(clusterDir).doesNotExist();
              assertThat(HostState.processesUnder(clusterDir)).isEmpty();
              assertThat(HostState.mountsUnder(clusterDir)).isEmpty();
              assertThat(HostState.capture()).isEqualTo(before);
            });
  }
}
