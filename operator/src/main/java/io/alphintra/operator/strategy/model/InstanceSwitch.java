package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyDrain;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.api.v1alpha1.TradingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides the next step of a Strategy's engine so that two instances never trade at once: an active
 * instance that must go (its pod template changed, the strategy is suspended or deleted, or it
 * drained itself) is first drained through /control/drain, and only replaced, scaled down or
 * released once it reports DRAINED, or when the drain timeout passed. A started drain is recorded
 * in the status and always completes, so an operator restart resumes it and a drained engine is
 * never asked to trade again.
 *
 * <p>On a timeout the switch proceeds anyway, with a warning: the Deployment's Recreate strategy
 * still stops the old pod (whose graceful shutdown cancels its open orders) before the new one
 * starts, and the new instance rebuilds its open orders and positions from trading-api before it
 * trades. A deletion that timed out releases the finalizer; orders the engine could not cancel may
 * remain on the venue, which the warning says.
 *
 * @param step what to do
 * @param drain the drain to record in the status after this step, or null
 * @param instance the instance number the Deployment should run after this step
 * @param replicas the replicas the Deployment should have after this step
 * @param finished the drain this step finished (replacing or releasing its instance), or null
 * @param timedOut whether that drain ended by timing out rather than by DRAINED
 */
public record InstanceSwitch(
    Step step,
    StrategyDrain drain,
    long instance,
    int replicas,
    StrategyDrain finished,
    boolean timedOut) {

  /** What one reconcile does to the engine. */
  public enum Step {
    /** Nothing may start: the environment is missing, or a Live strategy's dependencies. */
    BLOCKED,
    /** Apply the children as desired: nothing runs yet, or the instance runs as desired. */
    APPLY,
    /** Ask the running instance to drain (and record that). */
    BEGIN_DRAIN,
    /** The instance drains: ask again unless it reports DRAINING, and look again soon. */
    AWAIT_DRAIN,
    /** The drain finished: apply the children with the next instance (or zero replicas). */
    REPLACE,
    /** The Strategy is being deleted and nothing (any more) trades: remove the finalizer. */
    RELEASE
  }

  public static final String UPDATE = "Update";
  public static final String SUSPEND = "Suspend";
  public static final String DELETE = "Delete";

  /** The next step for a Strategy that is not being deleted. */
  public static InstanceSwitch decide(
      StrategyObservation seen, Instant now, Duration drainTimeout) {
    Strategy strategy = seen.strategy();
    StrategyDrain drain = recordedDrain(strategy);
    long instance = instanceOf(strategy, seen.running());
    int wanted = strategy.getSpec().suspendOrDefault() ? 0 : 1;
    if (seen.inputs() == null) {
      return new InstanceSwitch(Step.BLOCKED, drain, instance, 0, null, false);
    }
    String desiredHash = StrategyResources.templateHash(seen.inputs());
    boolean changed = seen.active() && !desiredHash.equals(seen.running().templateHash());
    // A Live strategy's connection or environment that is not Ready keeps a new instance from
    // starting; it never blocks winding one down.
    boolean startBlocked = seen.blocker() != null && wanted == 1;
    if (drain == null) {
      if (!seen.active()) {
        return startBlocked
            ? new InstanceSwitch(Step.BLOCKED, null, instance, 0, null, false)
            : new InstanceSwitch(Step.APPLY, null, instance, wanted, null, false);
      }
      // A DRAINING or DRAINED answer without a recorded drain is not a reason: only the operator
      // may ask an engine to drain, so it comes from the replaced pod, which answers through the
      // Service until Recreate has stopped it; draining the new pod on its word would loop.
      if (behindLastSwitch(strategy, seen.running())) {
        // The Deployment seen is older than the instance this operator already switched to (its
        // cache has not caught up with the replacement): its template hash says nothing about what
        // runs now, and a drain asked on its word would reach the new instance through the
        // Service. Apply the desired state again and look once the cache has it.
        return new InstanceSwitch(Step.APPLY, null, instance, wanted, null, false);
      }
      String reason = changed ? UPDATE : wanted == 0 ? SUSPEND : null;
      if (reason == null || (reason.equals(UPDATE) && startBlocked)) {
        return new InstanceSwitch(
            reason == null ? Step.APPLY : Step.BLOCKED, null, instance, 1, null, false);
      }
      drain = new StrategyDrain(seen.running().revision(), reason, now.toString());
      if (!drained(seen)) {
        return new InstanceSwitch(Step.BEGIN_DRAIN, drain, instance, 1, null, false);
      }
    }
    boolean drained = drained(seen);
    if (!drained && !timedOut(drain, now, drainTimeout)) {
      return new InstanceSwitch(Step.AWAIT_DRAIN, drain, instance, 1, null, false);
    }
    return new InstanceSwitch(
        Step.REPLACE, null, instance + 1, startBlocked ? 0 : wanted, drain, !drained);
  }

  /**
   * The next step for a Strategy being deleted: a Live one's active instance is drained first, so
   * no order it placed stays open on the venue; a Paper one has none there.
   */
  public static InstanceSwitch decideDeletion(
      StrategyObservation seen, Instant now, Duration drainTimeout) {
    Strategy strategy = seen.strategy();
    StrategyDrain drain = recordedDrain(strategy);
    long instance = instanceOf(strategy, seen.running());
    boolean live = strategy.getSpec().modeOrDefault() == TradingMode.Live;
    if (!seen.active() || !live) {
      return new InstanceSwitch(Step.RELEASE, null, instance, 0, null, false);
    }
    if (drain == null || !drain.reason().equals(DELETE)) {
      drain = new StrategyDrain(seen.running().revision(), DELETE, now.toString());
      if (!drained(seen)) {
        return new InstanceSwitch(Step.BEGIN_DRAIN, drain, instance, 1, null, false);
      }
    }
    boolean drained = drained(seen);
    if (!drained && !timedOut(drain, now, drainTimeout)) {
      return new InstanceSwitch(Step.AWAIT_DRAIN, drain, instance, 1, null, false);
    }
    return new InstanceSwitch(Step.RELEASE, null, instance, 0, drain, !drained);
  }

  /** When the recorded drain gives up waiting. */
  public static Instant deadline(StrategyDrain drain, Duration drainTimeout) {
    return Instant.parse(drain.startedAt()).plus(drainTimeout);
  }

  private static boolean timedOut(StrategyDrain drain, Instant now, Duration drainTimeout) {
    return !now.isBefore(deadline(drain, drainTimeout));
  }

  private static boolean drained(StrategyObservation seen) {
    return seen.report() != null && seen.report().is(EnginePhase.DRAINED);
  }

  private static StrategyDrain recordedDrain(Strategy strategy) {
    return Optional.ofNullable(strategy.getStatus()).map(StrategyStatus::drain).orElse(null);
  }

  /** Whether the Deployment seen runs an older instance than the status says was switched to. */
  private static boolean behindLastSwitch(Strategy strategy, RunningInstance running) {
    long recorded =
        Optional.ofNullable(strategy.getStatus()).map(StrategyStatus::instance).orElse(0L);
    return running != null && running.instance() < recorded;
  }

  /**
   * The instance number in force: the status's, or the Deployment's when that is ahead (a status
   * write that was lost), at least 1.
   */
  private static long instanceOf(Strategy strategy, RunningInstance running) {
    long recorded =
        Optional.ofNullable(strategy.getStatus()).map(StrategyStatus::instance).orElse(1L);
    return Math.max(Math.max(recorded, running == null ? 1 : running.instance()), 1);
  }
}
