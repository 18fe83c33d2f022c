package io.alphintra.e2e.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and starts the cluster for end-to-end tests and the {@code up} command, in this order:
 *
 * <ol>
 *   <li>an existing cluster given explicitly ({@code -Dalphintra.e2e.kubeconfig}, {@code
 *       -Dalphintra.e2e.context} or {@code $ALPHINTRA_E2E_KUBECONFIG});
 *   <li>k3s through Testcontainers, when a Docker engine has the k3s image locally;
 *   <li>the offline control plane with a real node (kubelet, containerd), where it can run: Linux,
 *       root, the Debian packages;
 *   <li>the offline control plane with kwok fake nodes.
 * </ol>
 *
 * {@code -Dalphintra.e2e.provider=kubeconfig|k3s|real-node|offline} forces one. The choice and the
 * reasons are logged. Callers name the candidates they accept: the E2Es on kwok's fake pods never
 * ask for the real node, the real-node E2Es ask only for it.
 */
public final class ClusterProviders {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterProviders.class);

  private ClusterProviders() {}

  /**
   * Starts the first available cluster among {@code candidates}; {@code namePrefix} names an
   * offline cluster ({@code <prefix>-<random>}).
   */
  public static Cluster start(String namePrefix, Set<ProviderKind> candidates) {
    return start(ClusterSettings.fromEnvironment(), Toolchain.locate(), namePrefix, candidates);
  }

  /**
   * Starts the first available cluster among {@code candidates} (in the fixed order); a forced
   * provider is used even when it is not a candidate.
   */
  public static Cluster start(
      ClusterSettings settings,
      Toolchain toolchain,
      String namePrefix,
      Set<ProviderKind> candidates) {
    List<ClusterProvider> providers =
        List.of(
            new ExplicitClusterProvider(toolchain, settings),
            new K3sClusterProvider(toolchain, settings),
            new OfflineClusterProvider(toolchain, namePrefix, true),
            new OfflineClusterProvider(toolchain, namePrefix, false));
    if (settings.forced() != null) {
      ClusterProvider forced =
          providers.stream().filter(p -> p.kind() == settings.forced()).findFirst().orElseThrow();
      Optional<String> reason = forced.unavailableReason();
      if (reason.isPresent()) {
        throw new IllegalStateException(
            "cluster provider "
                + forced.kind().id()
                + " was forced with -D"
                + ClusterSettings.PROVIDER_PROPERTY
                + " but cannot run: "
                + reason.get());
      }
      return started(
          forced, "forced with -D" + ClusterSettings.PROVIDER_PROPERTY + "=" + forced.kind().id());
    }
    List<String> skipped = new ArrayList<>();
    for (ClusterProvider provider : providers) {
      if (!candidates.contains(provider.kind())) {
        skipped.add(provider.kind().id() + " not requested by the caller");
        continue;
      }
      Optional<String> reason = provider.unavailableReason();
      if (reason.isEmpty()) {
        return started(provider, skipped.isEmpty() ? "first in order" : String.join("; ", skipped));
      }
      LOG.info("Cluster provider {} skipped: {}", provider.kind().id(), reason.get());
      skipped.add(provider.kind().id() + " skipped: " + reason.get());
    }
    throw new IllegalStateException(
        "no cluster provider can run here: " + String.join("; ", skipped));
  }

  private static Cluster started(ClusterProvider provider, String why) {
    LOG.info("Cluster provider {} chosen ({})", provider.kind().id(), why);
    Cluster cluster = provider.start();
    LOG.info("Using {} (kubeconfig {})", cluster.description(), cluster.kubeconfig());
    return cluster;
  }
}
