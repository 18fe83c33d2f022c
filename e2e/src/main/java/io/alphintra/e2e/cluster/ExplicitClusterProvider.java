package io.alphintra.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Provider 1: an existing cluster given explicitly; nothing is started, so nothing is torn down.
 */
final class ExplicitClusterProvider implements ClusterProvider {
  private final Toolchain toolchain;
  private final ClusterSettings settings;

  ExplicitClusterProvider(Toolchain toolchain, ClusterSettings settings) {
    this.toolchain = toolchain;
    this.settings = settings;
  }

  @Override
  public ProviderKind kind() {
    return ProviderKind.KUBECONFIG;
  }

  @Override
  public Optional<String> unavailableReason() {
    if (settings.kubeconfig() == null && settings.context() == null) {
      return Optional.of(
          "no kubeconfig or context given (-D"
              + ClusterSettings.KUBECONFIG_PROPERTY
              + ", -D"
              + ClusterSettings.CONTEXT_PROPERTY
              + " or $"
              + ClusterSettings.KUBECONFIG_ENV
              + ")");
    }
    Path kubeconfig = kubeconfig();
    if (!Files.isReadable(kubeconfig)) {
      return Optional.of("kubeconfig " + kubeconfig + " is not readable");
    }
    return Optional.empty();
  }

  @Override
  public Cluster start() {
    Path kubeconfig = kubeconfig();
    String context = settings.context();
    Cluster cluster =
        new Cluster(
            kind(),
            "existing cluster "
                + (context == null ? "(current context)" : context)
                + " from "
                + kubeconfig,
            kubeconfig,
            context,
            toolchain,
            null);
    Toolchain.Result version = cluster.kubectl(Duration.ofSeconds(30), "version", "-o", "yaml");
    if (!version.ok()) {
      cluster.close();
      throw new IllegalStateException(
          "cannot reach " + cluster.description() + ":\n" + version.stderr());
    }
    return cluster;
  }

  /** The explicit kubeconfig, or for a context alone the usual $KUBECONFIG / ~/.kube/config. */
  private Path kubeconfig() {
    if (settings.kubeconfig() != null) {
      return settings.kubeconfig();
    }
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env.split(java.io.File.pathSeparator)[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }
}
