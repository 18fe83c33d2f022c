package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.environment.model.rollout.BlueGreenRollout;
import io.alphintra.operator.environment.model.rollout.RolloutDecision;
import io.alphintra.operator.environment.model.rollout.RolloutTransition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile of a TradingEnvironment decided from its {@link EnvironmentObservation}: the
 * rollout step, the inputs the children are built from, and the status to write before acting.
 *
 * @param seen what it was decided from
 * @param rollout the blue-green decision, or null when no rollout step ran (RollingUpdate, paused,
 *     blocked)
 * @param inputs what the children are built from
 * @param view the rollout part of the next status
 * @param now when the step looked at the world
 * @param statusBeforeActing the status to write before acting: only a rollout step that changed the
 *     rollout has one (with the health observed so far), so that what follows from it (Service
 *     switches, events) happens only once it is written; null when there is nothing to write first
 */
public record EnvironmentDecision(
    EnvironmentObservation seen,
    RolloutDecision rollout,
    EnvironmentInputs inputs,
    RolloutView view,
    Instant now,
    TradingEnvironmentStatus statusBeforeActing) {

  /** Decides the next step from what was observed; a pure function. */
  public static EnvironmentDecision of(EnvironmentObservation seen, Instant now) {
    TradingEnvironment te = seen.environment();
    EnvironmentPlan plan = seen.plan();
    RolloutDecision rollout = seen.rollout() == null ? null : BlueGreenRollout.next(seen.rollout());
    EnvironmentInputs inputs =
        new EnvironmentInputs(
            te,
            plan,
            rollout != null ? rollout.stacks() : SteadyState.stacks(te, plan),
            rollout != null ? rollout.previewColor() : SteadyState.activeColor(te),
            seen.databaseSecretHash(),
            seen.authSecretHash(),
            seen.customMetricsApi(),
            seen.postgresImage(),
            seen.admitted(),
            seen.brokerConnections());
    RolloutView view =
        rollout != null
            ? new RolloutView(
                rollout.activeColor(),
                rollout.activeVersion(),
                rollout.previewVersion(),
                rollout.rollout(),
                rollout.history())
            : plan.blueGreen()
                ? SteadyState.unchangedView(te, plan)
                : RolloutView.rolling(plan.version());
    EnvironmentDecision decided = new EnvironmentDecision(seen, rollout, inputs, view, now, null);
    TradingEnvironmentStatus previous = te.getStatus();
    if (rollout == null || !rolloutChanged(previous, view)) {
      return decided;
    }
    return new EnvironmentDecision(
        seen, rollout, inputs, view, now, decided.status(previous, decided.liveDeployments()));
  }

  /**
   * The status from the health observed now.
   *
   * @param previous the status as last written
   * @param live the live Deployment of each service
   */
  public TradingEnvironmentStatus status(
      TradingEnvironmentStatus previous, Map<PlatformService, Deployment> live) {
    return EnvironmentStatusModel.status(
        inputs, previous, live, seen.database(), seen.problem(), view, now);
  }

  /** The observed Deployments of the live stack, by service (a new map each time). */
  public Map<PlatformService, Deployment> liveDeployments() {
    Map<PlatformService, Deployment> live = new EnumMap<>(PlatformService.class);
    for (Deployment d : seen.deployments()) {
      liveService(d).ifPresent(service -> live.put(service, d));
    }
    return live;
  }

  /** The service whose live-stack Deployment {@code d} is, if it is one. */
  public Optional<PlatformService> liveService(Deployment d) {
    for (PlatformService service : PlatformService.values()) {
      if (EnvironmentNames.deployment(inputs.environment(), service, inputs.liveStack().color())
          .equals(d.getMetadata().getName())) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
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

  /** Whether the abort annotation has nothing (more) to abort and can be removed. */
  public boolean abortHandled() {
    return rollout != null && rollout.abortHandled();
  }

  /** Phase changes this step decided, for events and metrics once written. */
  public List<RolloutTransition> transitions() {
    return rollout == null ? List.of() : rollout.transitions();
  }
}
