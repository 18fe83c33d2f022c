package io.alphintra.e2e.realnode;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.Toolchain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the real-node E2Es do to release a version: images in the node's containerd, the spec. */
final class RealNodeReleases {
  private RealNodeReleases() {}

  /** Sets the environment's {@code spec.version}, as an ops user releasing it does. */
  static void setVersion(Cluster cluster, String namespace, String environment, String version) {
    cluster
        .client()
        .resources(TradingEnvironment.class)
        .inNamespace(namespace)
        .withName(environment)
        .edit(
            te -> {
              var spec = te.getSpec();
              te.setSpec(
                  new TradingEnvironmentSpec(
                      spec.tier(),
                      version,
                      spec.imageRegistry(),
                      spec.services(),
                      spec.database(),
                      spec.rollout(),
                      spec.networkPolicy(),
                      spec.monitoring(),
                      spec.paused()));
              return te;
            });
  }

  /** Runs {@code ctr} on the real node's containerd, namespace {@code k8s.io}; its output. */
  static String ctr(Cluster cluster, String... args) {
    Path socket = cluster.kubeconfig().getParent().resolve("node/run/containerd.sock");
    List<String> command =
        new ArrayList<>(List.of("ctr", "--address", socket.toString(), "-n", "k8s.io"));
    command.addAll(List.of(args));
    return Toolchain.locate()
        .run(command, Duration.ofSeconds(60))
        .requireSuccess(String.join(" ", command))
        .stdout();
  }
}
