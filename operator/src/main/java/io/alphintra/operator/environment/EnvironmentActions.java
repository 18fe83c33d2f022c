package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.environment.model.EnvironmentDecision;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.EnvironmentResources;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.ServiceWorkloads;
import io.alphintra.operator.environment.model.rollout.RolloutTransition;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The act step of a TradingEnvironment reconcile, run only once the decision is written: the events
 * and metrics of its phase changes, the removal of a handled abort annotation, the applies and
 * pruning of the children (not while paused or blocked), and the health observed after them, with
 * when to look again.
 */
final class EnvironmentActions {
  private static final Duration WHILE_NOT_READY = Duration.ofSeconds(15);
  private static final Duration WHILE_BLOCKED = Duration.ofSeconds(30);

  private final ChildApplier applier;
  private final TokenReviewPermission tokenReview;
  private final CommandAnnotations commandAnnotations;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;

  EnvironmentActions(
      KubernetesClient client,
      ApplyWaves waves,
      TokenReviewPermission tokenReview,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock) {
    this.applier = new ChildApplier(client, waves);
    this.tokenReview = tokenReview;
    this.commandAnnotations = new CommandAnnotations(client);
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** What follows once {@code decided}'s status is written. */
  StatusCommit.Act<TradingEnvironment, TradingEnvironmentStatus> onceWritten(
      EnvironmentDecision decided, Context<TradingEnvironment> context) {
    return new StatusCommit.Act<>() {
      @Override
      public void announce() {
        TradingEnvironment te = decided.inputs().environment();
        for (RolloutTransition t : decided.transitions()) {
          metrics.rolloutPhase(t.phase().name());
          events.record(
              te,
              t.warning() ? EventRecorder.WARNING : EventRecorder.NORMAL,
              t.reason(),
              t.message());
        }
      }

      @Override
      public StatusCommit.Acted<TradingEnvironmentStatus> act(TradingEnvironment written) {
        return EnvironmentActions.this.act(written, decided, context);
      }
    };
  }

  private StatusCommit.Acted<TradingEnvironmentStatus> act(
      TradingEnvironment written,
      EnvironmentDecision decided,
      Context<TradingEnvironment> context) {
    boolean annotationLeft =
        decided.abortHandled()
            && !commandAnnotations.remove(written, Api.ABORT_ANNOTATION, context);
    Map<PlatformService, Deployment> live = decided.liveDeployments();
    if (decided.seen().acting()) {
      applyAndPrune(decided, context, live);
    }
    TradingEnvironmentStatus status = decided.status(written.getStatus(), live);
    Duration requeue =
        decided.rollout() == null || decided.rollout().requeueAfter() == null
            ? null
            // The schedule counts from when this step looked at the world, not from when it
            // finished.
            : decided
                .rollout()
                .requeueAfter()
                .minus(Duration.between(decided.now(), clock.instant()));
    if (annotationLeft && (requeue == null || requeue.compareTo(StatusCommit.AFTER_CONFLICT) > 0)) {
      requeue = StatusCommit.AFTER_CONFLICT;
    }
    return new StatusCommit.Acted<>(status, requeue(decided.seen().problem() != null, requeue));
  }

  /**
   * Applies the desired children and prunes stale ones; {@code live} takes the Deployments as
   * applied.
   */
  private void applyAndPrune(
      EnvironmentDecision decided,
      Context<TradingEnvironment> context,
      Map<PlatformService, Deployment> live) {
    EnvironmentInputs inputs = decided.inputs();
    TradingEnvironment te = inputs.environment();
    List<HasMetadata> desired = EnvironmentResources.desired(inputs);
    List<HasMetadata> owned = EnvironmentEventSources.OWNED.of(te, context);
    for (HasMetadata applied : apply(inputs, desired, ChildApplier.byKey(owned))) {
      if (applied instanceof Deployment d) {
        decided.liveService(d).ifPresent(service -> live.put(service, d));
      }
    }
    tokenReview.grant(inputs);
    Set<String> generated = new HashSet<>();
    generated.add(ChildApplier.key("Secret", EnvironmentNames.authSigningKeySecret(te)));
    generated.add(ChildApplier.key("Secret", EnvironmentNames.authAdminSecret(te)));
    if (inputs.plan().managedDatabase()) {
      generated.add(ChildApplier.key("Secret", EnvironmentNames.postgresSecret(te)));
    }
    applier.prune(owned, desired, generated);
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
}
