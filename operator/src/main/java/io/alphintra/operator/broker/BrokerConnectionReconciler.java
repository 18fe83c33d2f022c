package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionStatus;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.broker.model.BrokerInputs;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.broker.model.BrokerResources;
import io.alphintra.operator.broker.model.BrokerStatusModel;
import io.alphintra.operator.broker.model.ConnectorHealth;
import io.alphintra.operator.common.Images;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconciles a BrokerConnection: checks its environment and credentials, applies the connector (and
 * simulator), then reports the connector's own view of the venue from its health endpoint.
 */
public final class BrokerConnectionReconciler
    implements Reconciler<BrokerConnection>, AutoCloseable {
  public static final String NAME = "brokerconnection";

  /** How often the connector's health is polled into status. */
  private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);

  private static final Duration WHILE_NOT_READY = Duration.ofSeconds(10);

  /**
   * A poll younger than this is reused: child events (pods starting) trigger many reconciles in a
   * row, and each poll of an unreachable connector holds a reconcile thread for its timeout.
   */
  private static final Duration HEALTH_REUSE = Duration.ofSeconds(5);

  private final OperatorConfig config;
  private final ChildApplier applier;
  private final BrokerCredentials credentials;
  private final ConnectorHealthProbe probe;
  private final CheckEndpoints endpoints;
  private final StatusCommit<BrokerConnection, BrokerConnectionStatus> statusCommit;
  private final Clock clock;
  private final Map<String, Polled> lastPolls = new ConcurrentHashMap<>();

  public BrokerConnectionReconciler(
      OperatorConfig config,
      KubernetesClient client,
      ApplyWaves waves,
      CheckEndpoints endpoints,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      SecretDigest digest) {
    this.config = config;
    this.applier = new ChildApplier(client, waves);
    this.credentials = new BrokerCredentials(client, digest);
    this.probe = new ConnectorHealthProbe(Duration.ofSeconds(2));
    this.endpoints = endpoints;
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

  @Override
  public UpdateControl<BrokerConnection> reconcile(
      BrokerConnection bc, Context<BrokerConnection> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String environmentName = bc.getSpec().environmentRef().name();
    Optional<TradingEnvironment> environment = BrokerEventSources.ENVIRONMENT.resolve(bc, context);
    Problem problem = null;
    BrokerInputs inputs = null;
    if (environment.isEmpty()) {
      problem =
          new Problem(
              BrokerStatusModel.ENVIRONMENT_NOT_FOUND,
              "TradingEnvironment "
                  + environmentName
                  + " named by spec.environmentRef does not exist in namespace "
                  + bc.getMetadata().getNamespace()
                  + ": create it or point environmentRef at an existing one");
    } else {
      String registry = Images.registry(environment.get(), config.imageRegistry());
      String version = runningVersion(environment.get());
      BrokerInputs draft = new BrokerInputs(bc, environmentName, version, registry, null);
      var resolved = credentials.resolve(bc, draft, context);
      problem = resolved.problem();
      inputs = new BrokerInputs(bc, environmentName, version, registry, resolved.hash());
    }
    ConnectorHealth health = null;
    if (problem == null) {
      List<HasMetadata> desired = BrokerResources.desired(inputs);
      List<HasMetadata> owned = BrokerEventSources.OWNED.of(bc, context);
      applier.apply(desired, ChildApplier.byKey(owned));
      Set<String> generated =
          Set.of(ChildApplier.key("Secret", BrokerNames.simulatorCredentials(bc)));
      applier.prune(owned, desired, generated);
      health = health(bc, now);
    }
    BrokerConnectionStatus status =
        BrokerStatusModel.status(
            bc, problem, health, inputs == null ? null : inputs.endpoint(), now);
    return statusCommit.commit(
        bc, status, context, ready -> ready ? HEALTH_INTERVAL : WHILE_NOT_READY);
  }

  /**
   * Every condition flip is an event; a warning when it stopped holding (or Ready starts out
   * false).
   */
  private static String flipEvent(Condition flipped, boolean firstStatus) {
    boolean bad = !flipped.holds() && (!firstStatus || flipped.type().equals(Condition.READY));
    return bad ? EventRecorder.WARNING : EventRecorder.NORMAL;
  }

  /**
   * The version connectors and simulators run: the environment's promoted one, so a release that
   * was rolled back (or is still being checked) never reaches them; spec.version only before the
   * environment recorded any.
   */
  static String runningVersion(TradingEnvironment te) {
    var status = te.getStatus();
    return status != null && status.activeVersion() != null
        ? status.activeVersion()
        : te.getSpec().version();
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
