package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.SecretDigest;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.environment.model.EnvironmentDecision;
import io.alphintra.operator.environment.model.EnvironmentObservation;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.HealthChecker;
import io.alphintra.operator.runtime.Interruptions;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles a TradingEnvironment in four named steps, each in a file of its own: observe ({@link
 * EnvironmentObserver}), decide ({@link EnvironmentDecision}, a pure function), write status, then
 * act ({@link StatusCommit#commitAndAct} with {@link EnvironmentActions}). What the children look
 * like is decided in the model package, not here. Its one cluster-scoped child, auth-service's
 * TokenReview binding, is deleted by {@link #cleanup} (a finalizer), since no owner reference can
 * collect it.
 */
public final class TradingEnvironmentReconciler
    implements Reconciler<TradingEnvironment>, Cleaner<TradingEnvironment> {
  public static final String NAME = "tradingenvironment";

  private final EnvironmentObserver observer;
  private final EnvironmentActions actions;
  private final StatusCommit<TradingEnvironment, TradingEnvironmentStatus> statusCommit;
  private final TokenReviewPermission tokenReview;
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
    this.tokenReview = new TokenReviewPermission(client);
    this.observer = new EnvironmentObserver(config, client, checker, endpoints, clock, digest);
    this.actions = new EnvironmentActions(client, waves, tokenReview, events, metrics, clock);
    this.statusCommit =
        new StatusCommit<>(
            TradingEnvironmentStatus::conditions,
            TradingEnvironmentReconciler::flipEvent,
            events,
            metrics);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TradingEnvironment>> prepareEventSources(
      EventSourceContext<TradingEnvironment> context) {
    return EnvironmentEventSources.create(context);
  }

  /**
   * One step: observe → decide → write status → act. Every side effect follows a status write that
   * succeeded, so a step that loses the optimistic lock (or started from a view that was already
   * outdated) leaves no event, metric, Service switch or annotation removal behind.
   */
  @Override
  public UpdateControl<TradingEnvironment> reconcile(
      TradingEnvironment te, Context<TradingEnvironment> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    EnvironmentObservation seen = observer.observe(te, context, now);
    EnvironmentDecision decided = EnvironmentDecision.of(seen, now);
    return statusCommit.commitAndAct(
        te, decided.statusBeforeActing(), context, actions.onceWritten(decided, context));
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

  private static String abbreviate(String message) {
    return message.length() > 500 ? message.substring(0, 500) + "..." : message;
  }
}
