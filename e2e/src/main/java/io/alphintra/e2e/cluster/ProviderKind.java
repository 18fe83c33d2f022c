package io.alphintra.e2e.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an end-to-end cluster comes from, in the order they are tried. */
public enum ProviderKind {
  /** An existing cluster named explicitly by a kubeconfig and/or context. */
  KUBECONFIG,
  /** k3s in a Docker container through Testcontainers. */
  K3S,
  /**
   * The offline control plane with a real node: kubelet, kube-proxy and containerd on this host
   * (Linux, root, the Debian packages), kwok fake nodes tainted so real workloads never land there.
   */
  REAL_NODE,
  /**
   * The offline control plane: real etcd, kube-apiserver, controller-manager, scheduler plus kwok
   * fake nodes.
   */
  OFFLINE;

  /** The value of {@code -Dalphintra.e2e.provider}: kubeconfig, k3s, real-node or offline. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ProviderKind parse(String raw) {
    for (ProviderKind kind : values()) {
      if (kind.id().equalsIgnoreCase(raw.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown cluster provider '"
            + raw
            + "': use one of "
            + Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", ")));
  }
}
