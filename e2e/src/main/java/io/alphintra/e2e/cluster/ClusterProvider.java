package io.alphintra.e2e.cluster;

import java.util.Optional;

/** One way to get a cluster. */
interface ClusterProvider {
  ProviderKind kind();

  /** Why this provider cannot run here, or empty when it can. */
  Optional<String> unavailableReason();

  /** Starts (or connects to) the cluster; on failure, tears down whatever it started. */
  Cluster start();
}
