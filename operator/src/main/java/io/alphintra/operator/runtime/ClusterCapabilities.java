package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What the cluster serves, looked up through API discovery and cached for a few minutes. */
public final class ClusterCapabilities {
  private static final Duration TTL = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final Clock clock;
  private volatile Instant checkedAt = Instant.MIN;
  private volatile boolean customMetrics;

  public ClusterCapabilities(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Whether custom.metrics.k8s.io is served, so an HPA can target a per-pod request rate. */
  public boolean customMetricsApi() {
    Instant now = clock.instant();
    if (Duration.between(checkedAt, now).compareTo(TTL) > 0) {
      try {
        customMetrics = client.getApiGroup("custom.metrics.k8s.io") != null;
      } catch (KubernetesClientException e) {
        customMetrics = false;
      }
      checkedAt = now;
    }
    return customMetrics;
  }
}
