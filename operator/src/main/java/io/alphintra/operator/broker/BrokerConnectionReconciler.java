package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionStatus;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.operator.broker.model.BrokerObservation;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reconciles a BrokerConnection in the same steps as a TradingEnvironment, each in a file of its
 * own: observe its environment and credentials ({@link BrokerObserver}), then act and write the
 * status acting observed ({@link StatusCommit#commitAndAct} with {@link BrokerActions}: applies the
 * connector and simulator, reports the connector's own view of the venue). Nothing is decided to be
 * written before acting: no side effect follows from this status.
 */
public final class BrokerConnectionReconciler
    implements Reconciler<BrokerConnection>, AutoCloseable {
  public static final String NAME = "brokerconnection";

  private final BrokerObserver observer;
  private final BrokerActions actions;
  private final StatusCommit<BrokerConnection, BrokerConnectionStatus> statusCommit;
  private final Clock clock;

  public BrokerConnectionReconciler(
      OperatorConfig config,
      KubernetesClient client,
      ApplyWaves waves,
      CheckEndpoints endpoints,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      SecretDigest digest) {
    this.observer = new BrokerObserver(config, client, digest);
    this.actions = new BrokerActions(client, waves, endpoints);
    this.statusCommit =
        new StatusCommit<>(
            BrokerConnectionStatus::conditions,
            BrokerConnectionReconciler::flipEvent,
            events,
            metrics);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, BrokerConnection>> prepareEventSources(
      EventSourceContext<BrokerConnection> context) {
    return BrokerEventSources.create(context);
  }

  /** One step: observe → act → write the status acting observed. */
  @Override
  public UpdateControl<BrokerConnection> reconcile(
      BrokerConnection bc, Context<BrokerConnection> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    BrokerObservation seen = observer.observe(bc, context);
    return statusCommit.commitAndAct(bc, null, context, actions.onceWritten(seen, context, now));
  }

  /**
   * Every condition flip is an event; a warning when it stopped holding (or Ready starts out
   * false).
   */
  private static String flipEvent(Condition flipped, boolean firstStatus) {
    boolean bad = !flipped.holds() && (!firstStatus || flipped.type().equals(Condition.READY));
    return bad ? EventRecorder.WARNING : EventRecorder.NORMAL;
  }

  @Override
  public void close() {
    actions.close();
  }
}
