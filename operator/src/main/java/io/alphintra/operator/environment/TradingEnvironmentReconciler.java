package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.environment.model.AdmittedNamespaces;
import io.alphintra.operator.environment.model.EnvironmentHealth;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.EnvironmentPlan;
import io.alphintra.operator.environment.model.EnvironmentResources;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.RolloutView;
import io.alphintra.operator.environment.model.ServiceWorkloads;
import io.alphintra.operator.environment.model.Stack;
import io.alphintra.operator.environment.model.Stacks;
import io.alphintra.operator.environment.model.rollout.RolloutDecision;
import io.alphintra.operator.environment.model.rollout.RolloutTransition;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.ClusterCapabilities;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.HealthChecker;
import io.alphintra.operator.runtime.Interruptions;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles a TradingEnvironment: gathers inputs, applies the desired children, prunes stale ones,
 * and patches status when it changed. What the children look like is decided in the model package,
 * not here. Its one cluster-scoped child, auth-service's TokenReview binding, is deleted by {@link
 * #cleanup} (a finalizer), since no owner reference can collect it.
 */
public final class TradingEnvironmentReconciler
    implements Reconciler<TradingEnvironment>, Cleaner<TradingEnvironment> {
  public static final String NAME = "tradingenvironment";
  private static final Duration WHILE_NOT_READY = Duration.ofSeconds(15);
  private static final Duration WHILE_BLOCKED = Duration.ofSeconds(30);

  private final OperatorConfig config;
  private final ChildApplier applier;
  private final DatabaseCredentials databaseCredentials;
  private final AuthServiceCredentials authCredentials;
  private final TokenReviewPermission tokenReview;
  private final ClusterCapabilities capabilities;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final StatusCommit<TradingEnvironment, TradingEnvironmentStatus> statusCommit;
  private final BlueGreenObserver blueGreen;
  private final CommandAnnotations commandAnnotations;
  private final Clock clock;

  public TradingEnvironmentReconciler(
      OperatorConfig config,
      KubernetesClient client,
      ApplyWaves waves,
      HealthChecker checker,
      CheckEndpoints endpoints,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      SecretDigest digest) {
    this.config = config;
    this.applier = new ChildApplier(client, waves);
    this.databaseCredentials = new DatabaseCredentials(client, digest);
    this.authCredentials = new AuthServiceCredentials(client, digest, clock);
    this.tokenReview = new TokenReviewPermission(client);
    this.capabilities = new ClusterCapabilities(client, clock);
    this.events = events;
    this.metrics = metrics;
    this.statusCommit =
        new StatusCommit<>(
            TradingEnvironmentStatus::conditions,
            TradingEnvironmentReconciler::flipEvent,
            events,
            metrics);
    this.blueGreen = new BlueGreenObserver(checker, endpoints);
    this.commandAnnotations = new CommandAnnotations(client);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TradingEnvironment>> prepareEventSources(
      EventSourceContext<TradingEnvironment> context) {
    return EnvironmentEventSources.create(context);
  }

  /**
   * One step: observe → decide → commit the rollout decision → act on it → commit the observed
   * health. Every side effect follows a status write that succeeded, so a step that loses the
   * optimistic lock (or started from a view that was already outdated) leaves no event, metric,
   * Service switch or annotation removal behind.
   */
  @Override
  public UpdateControl<TradingEnvironment> reconcile(
      TradingEnvironment te, Context<TradingEnvironment> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Observed seen = observe(te, context);
    Decided step = decide(te, seen, context, now);
    Optional<TradingEnvironment> committed = commitDecision(te, seen, step, context, now);
    if (committed.isEmpty()) {
      return statusCommit.afterConflict();
    }
    TradingEnvironment current = committed.get();
    boolean annotationLeft =
        step.decision() != null
            && step.decision().abortHandled()
            && !commandAnnotations.remove(current, Api.ABORT_ANNOTATION, context);
    Map<PlatformService, Deployment> live = act(te, seen, step, context);
    return commitHealth(current, seen, step, live, annotationLeft, context, now);
  }

  /**
   * What this step looks at: the plan, the owned Deployments and pods, the database, and a problem
   * that blocks it.
   *
   * @param plan the spec with defaults resolved
   * @param deployments the environment's Deployments
   * @param problem what blocks the environment, or null
   * @param secretHash the hash of the referenced database Secret, or null
   * @param authSecretHash the hash of auth-service's generated Secrets, or null
   * @param database the managed database's StatefulSet, or null
   */
  private record Observed(
      EnvironmentPlan plan,
      Set<Deployment> deployments,
      Problem problem,
      String secretHash,
      String authSecretHash,
      StatefulSet database) {}

  private Observed observe(TradingEnvironment te, Context<TradingEnvironment> context) {
    EnvironmentPlan plan = EnvironmentPlan.of(te, config.imageRegistry());
    Problem problem = ObservedChildren.duplicateOf(te, context).orElse(null);
    String secretHash = null;
    String authSecretHash = null;
    if (problem == null) {
      var bare = inputs(te, plan, Stacks.steadyState(te, plan), null, null, null);
      var credentials = databaseCredentials.resolve(bare, context);
      problem = credentials.problem();
      secretHash = credentials.hash();
      authSecretHash = authCredentials.resolve(bare, context);
    }
    StatefulSet database =
        context.getSecondaryResources(StatefulSet.class).stream()
            .filter(s -> s.getMetadata().getName().equals(EnvironmentNames.postgres(te)))
            .findFirst()
            .orElse(null);
    return new Observed(
        plan,
        context.getSecondaryResources(Deployment.class),
        problem,
        secretHash,
        authSecretHash,
        database);
  }

  /**
   * What this step decided.
   *
   * @param decision the blue-green decision, or null when no rollout step ran (RollingUpdate,
   *     paused, blocked)
   * @param inputs what the children are built from
   * @param view the rollout part of the next status
   */
  private record Decided(RolloutDecision decision, EnvironmentInputs inputs, RolloutView view) {}

  private Decided decide(
      TradingEnvironment te, Observed seen, Context<TradingEnvironment> context, Instant now) {
    EnvironmentPlan plan = seen.plan();
    boolean acting = seen.problem() == null && !te.getSpec().pausedOrDefault();
    RolloutDecision decision =
        acting && plan.blueGreen()
            ? blueGreen.decide(
                te, plan, seen.deployments(), context.getSecondaryResources(Pod.class), now)
            : null;
    List<Stack> stacks = decision != null ? decision.stacks() : Stacks.steadyState(te, plan);
    EnvironmentInputs inputs =
        inputs(
            te,
            plan,
            stacks,
            decision != null ? decision.previewColor() : Stacks.activeColor(te),
            seen.secretHash(),
            seen.authSecretHash());
    RolloutView view =
        decision != null
            ? new RolloutView(
                decision.activeColor(),
                decision.activeVersion(),
                decision.previewVersion(),
                decision.rollout(),
                decision.history())
            : plan.blueGreen()
                ? Stacks.unchangedView(te, plan)
                : RolloutView.rolling(plan.version());
    return new Decided(decision, inputs, view);
  }

  /**
   * Writes the rollout decision (with the health observed so far) when it changed the rollout; the
   * applies that follow from it, and its events and metrics, happen only once it is written.
   *
   * @return the environment as written (or as read, when nothing was to be written); empty when the
   *     lock was lost
   */
  private Optional<TradingEnvironment> commitDecision(
      TradingEnvironment te,
      Observed seen,
      Decided step,
      Context<TradingEnvironment> context,
      Instant now) {
    if (step.decision() == null || !rolloutChanged(te.getStatus(), step.view())) {
      return Optional.of(te);
    }
    Map<PlatformService, Deployment> observed =
        ObservedChildren.liveDeployments(step.inputs(), seen.deployments());
    TradingEnvironmentStatus decided =
        EnvironmentHealth.status(
            step.inputs(),
            te.getStatus(),
            observed,
            seen.database(),
            seen.problem(),
            step.view(),
            now);
    return statusCommit.write(te, decided, context, () -> report(te, step.decision()));
  }

  /**
   * Writes the health observed after acting, and schedules the next look (sooner while the rollout
   * asks for it).
   */
  private UpdateControl<TradingEnvironment> commitHealth(
      TradingEnvironment current,
      Observed seen,
      Decided step,
      Map<PlatformService, Deployment> live,
      boolean annotationLeft,
      Context<TradingEnvironment> context,
      Instant now) {
    TradingEnvironmentStatus status =
        EnvironmentHealth.status(
            step.inputs(),
            current.getStatus(),
            live,
            seen.database(),
            seen.problem(),
            step.view(),
            now);
    Duration requeue =
        step.decision() == null || step.decision().requeueAfter() == null
            ? null
            // The schedule counts from when this step looked at the world, not from when it
            // finished.
            : step.decision().requeueAfter().minus(Duration.between(now, clock.instant()));
    if (annotationLeft && (requeue == null || requeue.compareTo(StatusCommit.AFTER_CONFLICT) > 0)) {
      requeue = StatusCommit.AFTER_CONFLICT;
    }
    return statusCommit.commit(current, status, context, requeue(seen.problem() != null, requeue));
  }

  /**
   * Applies the desired children and prunes stale ones (unless paused or blocked); returns the live
   * Deployments.
   */
  private Map<PlatformService, Deployment> act(
      TradingEnvironment te, Observed seen, Decided step, Context<TradingEnvironment> context) {
    EnvironmentInputs inputs = step.inputs();
    Map<PlatformService, Deployment> live =
        ObservedChildren.liveDeployments(inputs, seen.deployments());
    if (seen.problem() != null || te.getSpec().pausedOrDefault()) {
      return live;
    }
    List<HasMetadata> desired = EnvironmentResources.desired(inputs);
    List<HasMetadata> owned = EnvironmentEventSources.OWNED.of(te, context);
    for (HasMetadata applied : apply(inputs, desired, ChildApplier.byKey(owned))) {
      if (applied instanceof Deployment d) {
        ObservedChildren.liveService(inputs, d).ifPresent(service -> live.put(service, d));
      }
    }
    tokenReview.grant(inputs);
    Set<String> generated = new HashSet<>();
    generated.add(ChildApplier.key("Secret", EnvironmentNames.authSigningKeySecret(te)));
    generated.add(ChildApplier.key("Secret", EnvironmentNames.authAdminSecret(te)));
    if (seen.plan().managedDatabase()) {
      generated.add(ChildApplier.key("Secret", EnvironmentNames.postgresSecret(te)));
    }
    applier.prune(owned, desired, generated);
    return live;
  }

  private static boolean rolloutChanged(TradingEnvironmentStatus previous, RolloutView view) {
    if (previous == null) {
      return true;
    }
    return !Objects.equals(previous.activeColor(), view.activeColor())
        || !Objects.equals(previous.activeVersion(), view.activeVersion())
        || !Objects.equals(previous.previewVersion(), view.previewVersion())
        || !Objects.equals(previous.rollout(), view.rollout())
        || !Objects.equals(previous.history(), view.history());
  }

  private EnvironmentInputs inputs(
      TradingEnvironment te,
      EnvironmentPlan plan,
      List<Stack> stacks,
      Color preview,
      String secretHash,
      String authSecretHash) {
    return new EnvironmentInputs(
        te,
        plan,
        stacks,
        preview,
        secretHash,
        authSecretHash,
        wantsRequestRate(plan) && capabilities.customMetricsApi(),
        config.postgresImage(),
        new AdmittedNamespaces(config.operatorNamespace(), config.monitoringNamespace()));
  }

  /**
   * Applies the children in {@link ApplyWaves} (Services before Deployments); Deployment replica
   * counts go separately, only when the operator decides one (an explicit count, or the starting
   * count of a new Deployment), so an autoscaler's count is never undone.
   */
  private List<HasMetadata> apply(
      EnvironmentInputs in, List<HasMetadata> desired, Map<String, HasMetadata> observed) {
    return applier.applyAll(
        desired,
        child -> {
          HasMetadata current = observed.get(ChildApplier.key(child));
          if (!(child instanceof Deployment deployment)) {
            return applier.apply(child, current);
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
          return result;
        });
  }

  /**
   * A condition flip is an event when it holds, a warning when it is bad news (Degraded, or Ready
   * lost).
   */
  private static String flipEvent(Condition flipped, boolean firstStatus) {
    boolean bad =
        (flipped.type().equals(Condition.DEGRADED) && flipped.holds())
            || (flipped.type().equals(Condition.READY) && !flipped.holds() && !firstStatus);
    return bad ? EventRecorder.WARNING : flipped.holds() ? EventRecorder.NORMAL : null;
  }

  /** Events and metrics for each rollout phase change this step committed. */
  private void report(TradingEnvironment te, RolloutDecision decision) {
    for (RolloutTransition t : decision.transitions()) {
      metrics.rolloutPhase(t.phase().name());
      events.record(
          te, t.warning() ? EventRecorder.WARNING : EventRecorder.NORMAL, t.reason(), t.message());
    }
  }

  /**
   * Deletes the TokenReview binding; the namespaced children go by garbage collection. A failure is
   * retried, and the environment stays until the binding is gone.
   */
  @Override
  public DeleteControl cleanup(TradingEnvironment te, Context<TradingEnvironment> context) {
    tokenReview.revoke(te);
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<TradingEnvironment> updateErrorStatus(
      TradingEnvironment te, Context<TradingEnvironment> context, Exception e) {
    if (Interruptions.interrupted(e)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    var previous = te.getStatus();
    List<Condition> before = previous == null ? List.of() : previous.conditions();
    var conditions =
        new Conditions(
            before,
            Optional.ofNullable(te.getMetadata().getGeneration()).orElse(0L),
            clock.instant());
    before.stream()
        .filter(c -> !c.type().equals(Condition.READY))
        .forEach(c -> conditions.set(c.type(), c.status(), c.reason(), c.message()));
    String message =
        "Reconciliation failed and is retried: " + abbreviate(String.valueOf(e.getMessage()));
    conditions.set(Condition.READY, ConditionStatus.False, "ReconcileError", message);
    te.setStatus(
        new TradingEnvironmentStatus(
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

  /**
   * Looks again while not ready (less often while blocked), or sooner when the rollout asked for
   * it.
   */
  private static StatusCommit.Requeue requeue(boolean blocked, Duration rolloutRequeue) {
    return ready -> {
      Duration requeue = ready ? null : blocked ? WHILE_BLOCKED : WHILE_NOT_READY;
      if (rolloutRequeue != null && (requeue == null || rolloutRequeue.compareTo(requeue) < 0)) {
        requeue =
            rolloutRequeue.compareTo(Duration.ofMillis(50)) < 0
                ? Duration.ofMillis(50)
                : rolloutRequeue;
      }
      return requeue;
    };
  }

  private static boolean wantsRequestRate(EnvironmentPlan plan) {
    return plan.services().values().stream()
        .anyMatch(s -> s.autoscaling() && s.requestsPerSecondPerPod() != null);
  }

  private static String abbreviate(String message) {
    return message.length() > 500 ? message.substring(0, 500) + "..." : message;
  }
}
