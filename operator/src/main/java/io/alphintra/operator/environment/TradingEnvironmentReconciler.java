package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.environment.model.EnvironmentHealth;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.EnvironmentPlan;
import io.alphintra.operator.environment.model.EnvironmentResources;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.Problem;
import io.alphintra.operator.environment.model.Stacks;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.ClusterCapabilities;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.operator.environment.model.RolloutView;
import io.alphintra.operator.environment.model.Stack;
import io.alphintra.operator.environment.model.rollout.RolloutDecision;
import io.alphintra.operator.environment.model.rollout.RolloutTransition;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.HealthChecker;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import io.alphintra.operator.environment.model.ServiceWorkloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles a TradingEnvironment: gathers inputs, applies the desired children, prunes stale ones, and patches
 * status when it changed. What the children look like is decided in the model package, not here.
 */
public final class TradingEnvironmentReconciler implements Reconciler<TradingEnvironment> {
  public static final String NAME = "tradingenvironment";
  private static final Duration WHILE_NOT_READY = Duration.ofSeconds(15);
  private static final Duration WHILE_BLOCKED = Duration.ofSeconds(30);

  private final OperatorConfig config;
  private final ChildApplier applier;
  private final DatabaseCredentials databaseCredentials;
  private final ClusterCapabilities capabilities;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final BlueGreenStep blueGreen;
  private final Annotations annotations;
  private final Clock clock;

  public TradingEnvironmentReconciler(OperatorConfig config, KubernetesClient client, HealthChecker checker,
      CheckEndpoints endpoints, EventRecorder events, OperatorMetrics metrics, Clock clock, SecretDigest digest) {
    this.config = config;
    this.applier = new ChildApplier(client);
    this.databaseCredentials = new DatabaseCredentials(client, digest);
    this.capabilities = new ClusterCapabilities(client, clock);
    this.events = events;
    this.metrics = metrics;
    this.blueGreen = new BlueGreenStep(checker, endpoints);
    this.annotations = new Annotations(client);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TradingEnvironment>> prepareEventSources(EventSourceContext<TradingEnvironment> context) {
    return EnvironmentEventSources.create(context);
  }

  @Override
  public UpdateControl<TradingEnvironment> reconcile(TradingEnvironment te, Context<TradingEnvironment> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    EnvironmentPlan plan = EnvironmentPlan.of(te, config.imageRegistry());
    Set<Deployment> deployments = context.getSecondaryResources(Deployment.class);
    Problem problem = ObservedChildren.duplicateOf(te, context).orElse(null);
    String secretHash = null;
    if (problem == null) {
      var credentials = databaseCredentials.resolve(inputs(te, plan, Stacks.steadyState(te, plan), null, null), context);
      problem = credentials.problem();
      secretHash = credentials.hash();
    }
    boolean acting = problem == null && !te.getSpec().pausedOrDefault();
    RolloutDecision decision = acting && plan.blueGreen()
        ? blueGreen.decide(te, plan, deployments, context.getSecondaryResources(Pod.class), now) : null;
    List<Stack> stacks = decision != null ? decision.stacks() : Stacks.steadyState(te, plan);
    EnvironmentInputs inputs = inputs(te, plan, stacks, decision != null ? decision.previewColor() : Stacks.activeColor(te),
        secretHash);
    RolloutView view = decision != null
        ? new RolloutView(decision.activeColor(), decision.activeVersion(), decision.previewVersion(), decision.rollout(),
            decision.history())
        : plan.blueGreen() ? Stacks.unchangedView(te, plan) : RolloutView.rolling(plan.version());

    Map<PlatformService, Deployment> live = ObservedChildren.liveDeployments(inputs, deployments);
    if (acting) {
      List<HasMetadata> desired = EnvironmentResources.desired(inputs);
      List<HasMetadata> owned = ObservedChildren.ownedChildren(te, context);
      for (HasMetadata applied : apply(inputs, desired, ChildApplier.byKey(owned))) {
        if (applied instanceof Deployment d) {
          ObservedChildren.liveService(inputs, d).ifPresent(service -> live.put(service, d));
        }
      }
      Set<String> generated = plan.managedDatabase()
          ? Set.of(ChildApplier.key("Secret", EnvironmentNames.postgresSecret(te))) : Set.of();
      applier.prune(owned, desired, generated);
    }
    if (decision != null) {
      report(te, decision);
    }
    StatefulSet database = context.getSecondaryResources(StatefulSet.class).stream()
        .filter(s -> s.getMetadata().getName().equals(EnvironmentNames.postgres(te))).findFirst().orElse(null);
    TradingEnvironmentStatus status = EnvironmentHealth.status(inputs, te.getStatus(), live, database, problem, view, now);
    Duration requeue = decision == null || decision.requeueAfter() == null ? null
        // The schedule counts from when this step looked at the world, not from when it finished.
        : decision.requeueAfter().minus(Duration.between(now, clock.instant()));
    return finish(te, status, problem != null, requeue);
  }

  private EnvironmentInputs inputs(TradingEnvironment te, EnvironmentPlan plan, List<Stack> stacks, Color preview,
      String secretHash) {
    return new EnvironmentInputs(te, plan, stacks, preview, secretHash,
        wantsRequestRate(plan) && capabilities.customMetricsApi(), config.postgresImage());
  }

  /**
   * Applies the children; Deployment replica counts go separately, only when the operator decides one (an explicit
   * count, or the starting count of a new Deployment), so an autoscaler's count is never undone.
   */
  private List<HasMetadata> apply(EnvironmentInputs in, List<HasMetadata> desired, Map<String, HasMetadata> observed) {
    List<HasMetadata> applied = new ArrayList<>(desired.size());
    for (HasMetadata child : desired) {
      HasMetadata current = observed.get(ChildApplier.key(child));
      if (!(child instanceof Deployment deployment)) {
        applied.add(applier.apply(child, current));
        continue;
      }
      Integer wanted = deployment.getSpec().getReplicas();
      if (wanted == null && current == null) {
        wanted = ServiceWorkloads.initialReplicas(in, deployment);
      }
      deployment.getSpec().setReplicas(null);
      Deployment result = (Deployment) applier.apply(deployment, current);
      if (wanted != null && !wanted.equals(result.getSpec().getReplicas())) {
        result = applier.applyReplicas(result, wanted);
      }
      applied.add(result);
    }
    return applied;
  }

  /** Events and metrics for each rollout phase change; removes an abort annotation once acted upon. */
  private void report(TradingEnvironment te, RolloutDecision decision) {
    for (RolloutTransition t : decision.transitions()) {
      metrics.rolloutPhase(t.phase().name());
      events.record(te, t.warning() ? EventRecorder.WARNING : EventRecorder.NORMAL, t.reason(), t.message());
    }
    if (decision.abortHandled()) {
      annotations.remove(te, Api.ABORT_ANNOTATION);
    }
  }

  @Override
  public ErrorStatusUpdateControl<TradingEnvironment> updateErrorStatus(
      TradingEnvironment te, Context<TradingEnvironment> context, Exception e) {
    var previous = te.getStatus();
    List<Condition> before = previous == null ? List.of() : previous.conditions();
    var conditions = new Conditions(before, Optional.ofNullable(te.getMetadata().getGeneration()).orElse(0L), clock.instant());
    before.stream().filter(c -> !c.type().equals(Condition.READY))
        .forEach(c -> conditions.set(c.type(), c.status(), c.reason(), c.message()));
    String message = "Reconciliation failed and is retried: " + abbreviate(String.valueOf(e.getMessage()));
    conditions.set(Condition.READY, ConditionStatus.False, "ReconcileError", message);
    te.setStatus(new TradingEnvironmentStatus(
        previous == null ? null : previous.observedGeneration(),
        previous == null ? null : previous.phase(),
        conditions.build(),
        previous == null ? null : previous.activeColor(),
        previous == null ? null : previous.activeVersion(),
        previous == null ? null : previous.previewVersion(),
        previous == null ? null : previous.services(),
        previous == null ? null : previous.rollout(),
        previous == null ? null : previous.history()));
    return ErrorStatusUpdateControl.patchStatus(te);
  }

  private UpdateControl<TradingEnvironment> finish(TradingEnvironment te, TradingEnvironmentStatus status, boolean blocked,
      Duration rolloutRequeue) {
    TradingEnvironmentStatus previous = te.getStatus();
    List<Condition> before = previous == null ? List.of() : previous.conditions();
    for (Condition flipped : Conditions.flipped(before, status.conditions())) {
      metrics.conditionChanged(te.getKind(), flipped.type(), flipped.status().name());
      boolean bad = (flipped.type().equals(Condition.DEGRADED) && flipped.holds())
          || (flipped.type().equals(Condition.READY) && !flipped.holds() && previous != null);
      if (bad || flipped.holds()) {
        events.record(te, bad ? EventRecorder.WARNING : EventRecorder.NORMAL, flipped.reason(), flipped.message());
      }
    }
    boolean ready = Conditions.find(status.conditions(), Condition.READY).map(Condition::holds).orElse(false);
    UpdateControl<TradingEnvironment> control;
    if (status.equals(previous)) {
      control = UpdateControl.noUpdate();
    } else {
      te.setStatus(status);
      te.getMetadata().setManagedFields(null);
      control = UpdateControl.patchStatus(te);
    }
    Duration requeue = ready ? null : blocked ? WHILE_BLOCKED : WHILE_NOT_READY;
    if (rolloutRequeue != null && (requeue == null || rolloutRequeue.compareTo(requeue) < 0)) {
      requeue = rolloutRequeue.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : rolloutRequeue;
    }
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  private static boolean wantsRequestRate(EnvironmentPlan plan) {
    return plan.services().values().stream().anyMatch(s -> s.autoscaling() && s.requestsPerSecondPerPod() != null);
  }

  private static String abbreviate(String message) {
    return message.length() > 500 ? message.substring(0, 500) + "..." : message;
  }
}
