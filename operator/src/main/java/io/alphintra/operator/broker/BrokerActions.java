package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionStatus;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.broker.model.BrokerObservation;
import io.alphintra.operator.broker.model.BrokerResources;
import io.alphintra.operator.broker.model.BrokerStatusModel;
import io.alphintra.operator.broker.model.ConnectorHealth;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.StatusCommit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The act step of a BrokerConnection reconcile: applies the connector (and simulator) and prunes
 * what is no longer desired, unless blocked, then reports the connector's own view of the venue
 * from its health endpoint as the status to write, with when to look again.
 */
final class BrokerActions implements AutoCloseable {
  /** How often the connector's health is polled into status. */
  private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);

  private static final Duration WHILE_NOT_READY = Duration.ofSeconds(10);

  /**
   * A poll younger than this is reused: child events (pods starting) trigger many reconciles in a
   * row, and each poll of an unreachable connector holds a reconcile thread for its timeout.
   */
  private static final Duration HEALTH_REUSE = Duration.ofSeconds(5);

  private final ChildApplier applier;
  private final ConnectorHealthProbe probe;
  private final CheckEndpoints endpoints;
  private final Map<String, Polled> lastPolls = new ConcurrentHashMap<>();

  BrokerActions(KubernetesClient client, ApplyWaves waves, CheckEndpoints endpoints) {
    this.applier = new ChildApplier(client, waves);
    this.probe = new ConnectorHealthProbe(Duration.ofSeconds(2));
    this.endpoints = endpoints;
  }

  /** What the step does; nothing is decided to be written before it. */
  StatusCommit.Act<BrokerConnection, BrokerConnectionStatus> onceWritten(
      BrokerObservation seen, Context<BrokerConnection> context, Instant now) {
    return written -> act(seen, context, now);
  }

  private StatusCommit.Acted<BrokerConnectionStatus> act(
      BrokerObservation seen, Context<BrokerConnection> context, Instant now) {
    BrokerConnection bc = seen.connection();
    ConnectorHealth health = null;
    if (seen.problem() == null) {
      List<HasMetadata> desired = BrokerResources.desired(seen.inputs());
      List<HasMetadata> owned = BrokerEventSources.OWNED.of(bc, context);
      applier.apply(desired, ChildApplier.byKey(owned));
      Set<String> generated =
          Set.of(ChildApplier.key("Secret", BrokerNames.simulatorCredentials(bc)));
      applier.prune(owned, desired, generated);
      health = health(bc, now);
    }
    BrokerConnectionStatus status =
        BrokerStatusModel.status(bc, seen.problem(), health, seen.resolvedEndpoint(), now);
    return new StatusCommit.Acted<>(status, ready -> ready ? HEALTH_INTERVAL : WHILE_NOT_READY);
  }

  private ConnectorHealth health(BrokerConnection bc, Instant now) {
    Polled last = lastPolls.get(bc.getMetadata().getUid());
    if (last != null && now.isBefore(last.at().plus(HEALTH_REUSE))) {
      return last.health();
    }
    ConnectorHealth health =
        probe.poll(
            endpoints.resolve(
                bc.getMetadata().getNamespace(),
                BrokerNames.connector(bc),
                BrokerResources.HTTP_PORT,
                ConnectorHealthProbe.PATH));
    lastPolls.put(bc.getMetadata().getUid(), new Polled(now, health));
    // Live connections are polled every HEALTH_INTERVAL; much older entries belong to deleted ones.
    lastPolls.values().removeIf(p -> p.at().isBefore(now.minus(HEALTH_INTERVAL.multipliedBy(10))));
    return health;
  }

  /**
   * @param at when the connector was polled
   * @param health what it reported
   */
  private record Polled(Instant at, ConnectorHealth health) {}

  @Override
  public void close() {
    probe.close();
  }
}
