package io.alphintra.e2e.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Providers 3 and 4: the offline control plane ({@code e2e/toolchain/offline-cluster.sh}): the real
 * etcd, kube-apiserver, kube-controller-manager and kube-scheduler plus one kwok fake node whose
 * pods go Running and Ready; with {@code realNode}, also a real node on this host ({@code up
 * --real-node}: containerd, kubelet, kube-proxy; the fake node tainted so real pods never land
 * there). Each run gets a unique cluster name. kwok has no volume provisioner, so static hostPath
 * PersistentVolumes (no storage class) are created for the claims of StatefulSets such as the
 * managed PostgreSQL (on the kwok-only cluster; a real node would really mount them).
 *
 * <p>This JVM owns the clusters it starts: the script records its pid and start time with the
 * cluster, and a watchdog deletes the cluster once this JVM is gone, however it ended (SIGKILL, a
 * crash: no shutdown hook runs then). Before starting one, the clusters left by owners that are
 * gone (their watchdog killed along with them) are deleted.
 */
final class OfflineClusterProvider implements ClusterProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OfflineClusterProvider.class);

  /** Static volumes created with each cluster: one per managed database a run may create. */
  static final int PERSISTENT_VOLUMES = 8;

  static final String VOLUME_PREFIX = "offline-pv-";

  /** Tells {@code offline-cluster.sh up} which process owns the cluster. */
  static final String OWNER_PID_ENV = "ALPHINTRA_KWOK_OWNER_PID";

  private final Toolchain toolchain;
  private final String namePrefix;
  private final boolean realNode;

  OfflineClusterProvider(Toolchain toolchain, String namePrefix, boolean realNode) {
    this.toolchain = toolchain;
    this.namePrefix = namePrefix;
    this.realNode = realNode;
  }

  @Override
  public ProviderKind kind() {
    return realNode ? ProviderKind.REAL_NODE : ProviderKind.OFFLINE;
  }

  @Override
  public Optional<String> unavailableReason() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("the offline control plane runs Linux binaries only");
    }
    if (realNode) {
      // The script knows what the node needs (root, the Debian packages, no other real node).
      Toolchain.Result check =
          toolchain.run(
              List.of("bash", toolchain.script("offline-cluster.sh").toString(), "real-node-check"),
              Duration.ofSeconds(30));
      if (!check.ok()) {
        return Optional.of((check.stdout() + check.stderr()).strip());
      }
    }
    return Optional.empty();
  }

  @Override
  public Cluster start() {
    String name =
        namePrefix
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    String script = toolchain.script("offline-cluster.sh").toString();
    long started = System.nanoTime();
    long owner = ProcessHandle.current().pid();
    List<String> upCommand =
        realNode
            ? List.of("bash", script, "up", name, "--real-node")
            : List.of("bash", script, "up", name);
    Runnable down =
        () ->
            toolchain
                .run(List.of("bash", script, "down", name), Duration.ofMinutes(2))
                .requireSuccess("offline-cluster.sh down " + name);
    Toolchain.Result up;
    try {
      toolchain.binDir(); // builds the toolchain first when it is not cached, with its own timeout
      deleteLeftovers(script);
      LOG.info(
          "Creating offline cluster {}, owned by this JVM (pid {}): it is deleted when this JVM ends",
          name,
          owner);
      up =
          toolchain.run(
              upCommand, Map.of(OWNER_PID_ENV, Long.toString(owner)), Duration.ofMinutes(5));
    } catch (RuntimeException e) {
      down.run();
      throw e;
    }
    if (!up.ok()) {
      down.run();
      up.requireSuccess(String.join(" ", upCommand.subList(1, upCommand.size())));
    }
    Path kubeconfig = Path.of(up.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
    Cluster cluster =
        new Cluster(
            kind(),
            realNode
                ? "offline cluster "
                    + name
                    + " (real node: kubelet, containerd; tainted kwok fake node)"
                : "offline cluster " + name + " (kwok fake node, real control plane)",
            kubeconfig,
            null,
            toolchain,
            down);
    try {
      for (int i = 0; i < (realNode ? 0 : PERSISTENT_VOLUMES); i++) {
        cluster.client().persistentVolumes().resource(volume(name, i)).create();
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    LOG.info(
        "Offline cluster {} is up in {} ms: kubeconfig {}",
        name,
        (System.nanoTime() - started) / 1_000_000,
        kubeconfig);
    return cluster;
  }

  /**
   * {@code offline-cluster.sh down}: deletes the clusters whose owner is gone, lists the others.
   */
  private void deleteLeftovers(String script) {
    Toolchain.Result result = toolchain.run(List.of("bash", script, "down"), Duration.ofMinutes(2));
    result.stdout().lines().forEach(line -> LOG.info("Offline clusters: {}", line));
    if (!result.ok()) {
      LOG.warn(
          "Deleting the offline clusters of owners that are gone failed (exit code {}): {}",
          result.exitCode(),
          result.stderr().strip());
    }
  }

  private static PersistentVolume volume(String cluster, int index) {
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName(VOLUME_PREFIX + index)
        .endMetadata()
        .withNewSpec()
        .withCapacity(Map.of("storage", new Quantity("10Gi")))
        .withAccessModes("ReadWriteOnce")
        .withPersistentVolumeReclaimPolicy("Retain")
        .withNewHostPath()
        .withPath("/tmp/alphintra-kwok/" + cluster + "/pv-" + index)
        .endHostPath()
        .endSpec()
        .build();
  }
}
