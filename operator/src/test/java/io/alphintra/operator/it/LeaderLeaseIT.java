package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas electing a leader on the operator's Lease: closing the leader (what SIGTERM does in
 * a pod) returns, and hands the Lease over at once instead of leaving it held until it expires.
 */
class LeaderLeaseIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private OperatorMain first;
  private OperatorMain second;

  @AfterEach
  void stop() {
    for (OperatorMain operator : new OperatorMain[] {first, second}) {
      if (operator != null) {
        operator.close();
      }
    }
  }

  @Test
  void closingTheLeaderReleasesTheLeaseAndTheOtherReplicaTakesIt() {
    String watched = api.newNamespace("lease-watched");
    String own = api.newNamespace("lease");
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "ALPHINTRA_WATCH_NAMESPACES", watched,
                "ALPHINTRA_LEADER_ELECTION", "true",
                "ALPHINTRA_LEASE_NAMESPACE", own,
                "ALPHINTRA_OPERATOR_NAMESPACE", own,
                "ALPHINTRA_METRICS_PORT", "0"),
            true);

    first = OperatorMain.start(config, api.newClient(), null, "replica-a");
    await().atMost(TIMEOUT).until(() -> holder(own), "replica-a"::equals);
    second = OperatorMain.start(config, api.newClient(), null, "replica-b");

    first.close();
    first = null;

    // Released: no longer held by the closed replica, without waiting out its 15 s duration.
    assertThat(holder(own)).isNotEqualTo("replica-a");
    await().atMost(TIMEOUT).until(() -> holder(own), "replica-b"::equals);
    Lease lease = client.leases().inNamespace(own).withName("alphintra-operator").get();
    assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
  }

  private static String holder(String namespace) {
    Lease lease = client.leases().inNamespace(namespace).withName("alphintra-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
