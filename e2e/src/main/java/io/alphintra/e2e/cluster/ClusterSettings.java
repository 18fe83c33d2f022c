package io.alphintra.e2e.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * How the cluster is chosen, from system properties (which win) and environment variables.
 *
 * @param forced the provider forced by {@code -Dalphintra.e2e.provider}, or null to pick the first
 *     available one
 * @param kubeconfig an explicitly given kubeconfig, or null
 * @param context an explicitly given kubeconfig context, or null
 * @param k3sImage the k3s image Testcontainers runs (it must already be present: nothing is pulled)
 */
public record ClusterSettings(
    ProviderKind forced, Path kubeconfig, String context, String k3sImage) {
  public static final String PROVIDER_PROPERTY = "alphintra.e2e.provider";
  public static final String KUBECONFIG_PROPERTY = "alphintra.e2e.kubeconfig";
  public static final String CONTEXT_PROPERTY = "alphintra.e2e.context";
  public static final String K3S_IMAGE_PROPERTY = "alphintra.e2e.k3s.image";
  public static final String KUBECONFIG_ENV = "ALPHINTRA_E2E_KUBECONFIG";
  public static final String PROVIDER_ENV = "ALPHINTRA_E2E_PROVIDER";
  public static final String CONTEXT_ENV = "ALPHINTRA_E2E_CONTEXT";

  /** k3s of the same Kubernetes minor as the offline toolchain. */
  public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.34.4-k3s1";

  public static ClusterSettings fromEnvironment() {
    return from(System.getProperties(), System.getenv());
  }

  static ClusterSettings from(Properties props, Map<String, String> env) {
    String provider = first(props.getProperty(PROVIDER_PROPERTY), env.get(PROVIDER_ENV));
    String kubeconfig = first(props.getProperty(KUBECONFIG_PROPERTY), env.get(KUBECONFIG_ENV));
    return new ClusterSettings(
        provider == null ? null : ProviderKind.parse(provider),
        kubeconfig == null ? null : Path.of(kubeconfig).toAbsolutePath(),
        first(props.getProperty(CONTEXT_PROPERTY), env.get(CONTEXT_ENV)),
        first(props.getProperty(K3S_IMAGE_PROPERTY), DEFAULT_K3S_IMAGE));
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a.trim() : b != null && !b.isBlank() ? b.trim() : null;
  }
}
