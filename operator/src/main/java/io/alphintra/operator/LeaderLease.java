package io.alphintra.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's leader election on a Lease, with what JOSDK 5.2 leaves out: on shutdown the leader
 * releases the Lease (JOSDK never does, so the next replica waited for it to expire), and losing
 * the Lease while running still ends the process, but from a thread of its own: JOSDK calls {@code
 * System.exit} from the callback, which on shutdown runs inside the JVM's shutdown hook and blocks
 * it until the kubelet kills the pod at the end of its grace period.
 */
final class LeaderLease {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String identity;
  private final AtomicBoolean closing = new AtomicBoolean();

  LeaderLease(KubernetesClient client, String namespace, String name, String identity) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.identity = identity;
  }

  /** JOSDK's configuration: this identity, no exit of its own. */
  LeaderElectionConfiguration configuration() {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(name)
        .withLeaseNamespace(namespace)
        .withIdentity(identity)
        .withExitOnStopLeading(false)
        .withLeaderCallbacks(new LeaderCallbacks(() -> {}, this::stoppedLeading, leader -> {}))
        .build();
  }

  /** From now on losing the Lease is the shutdown's doing, not a reason to exit. */
  void closing() {
    closing.set(true);
  }

  /**
   * Empties the Lease's holder if this replica holds it (an update with the version read, so a
   * Lease another replica took meanwhile stays theirs): the others may take it at once.
   */
  void release() {
    try {
      Lease lease = client.leases().inNamespace(namespace).withName(name).get();
      if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      client.resource(lease).update();
      LOG.info("Released the Lease {}/{}", namespace, name);
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not release the Lease {}/{} ({}); the next leader takes it once it expires",
          namespace,
          name,
          e.toString());
    }
  }

  private void stoppedLeading() {
    if (closing.get()) {
      return;
    }
    LOG.error(
        "Lost the Lease {}/{} while running; exiting so that no two replicas reconcile at once",
        namespace,
        name);
    new Thread(() -> System.exit(1), "lost-leadership-exit").start();
  }
}
