package io.alphintra.operator.strategy;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyPhase;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
import io.alphintra.operator.runtime.StatusWriter;
import io.alphintra.operator.strategy.model.InstanceSwitch;
import io.alphintra.operator.strategy.model.InstanceSwitch.Step;
import io.alphintra.operator.strategy.model.StrategyObservation;
import io.alphintra.operator.strategy.model.StrategyStatusModel;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Reconciles a Strategy in the same steps as the other kinds: observe its environment, connection,
 * Deployment and engine ({@link StrategyObserver}), decide the engine's next step ({@link
 * InstanceSwitch}: never two active instances, drain before any replacement) and the status it
 * leads to, write that status, then act on it ({@link StrategyActions}). Deleting a Live strategy
 * drains its engine first (a finalizer, bounded by the drain timeout).
 */
public final class StrategyReconciler
    implements Reconciler<Strategy>, Cleaner<Strategy>, AutoCloseable {
  public static final String NAME = "strategy";

  private final StrategyObserver observer;
  private final StrategyActions actions;
  private final StatusCommit<Strategy, StrategyStatus> statusCommit;
  private final EngineClient engine;
  private final Clock clock;
  private final Duration drainTimeout;

  public StrategyReconciler(
      OperatorConfig config,
      KubernetesClient client,
      ApplyWaves waves,
      CheckEndpoints endpoints,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock) {
    this.engine = new EngineClient(Duration.ofSeconds(2));
    this.observer = new StrategyObserver(config, engine, endpoints);
    this.drainTimeout = config.strategyDrainTimeout();
    this.actions = new StrategyActions(client, waves, observer, events, metrics, drainTimeout);
    this.statusCommit =
        new StatusCommit<>(
            StrategyStatus::conditions,
            StrategyReconciler::flipEvent,
            events,
            metrics,
            (strategy, previous, next) -> {
              StrategyPhase before = previous == null ? null : previous.phase();
              if (next.phase() != before) {
                metrics.strategyPhase(next.phase().name());
                events.record(
                    strategy,
                    next.phase() == StrategyPhase.Failed || next.phase() == StrategyPhase.Halted
                        ? EventRecorder.WARNING
                        : EventRecorder.NORMAL,
                    next.phase().name(),
                    "Phase "
                        + (before == null ? "(none)" : before)
                        + " → "
                        + next.phase()
                        + readyMessage(next));
              }
            });
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Strategy>> prepareEventSources(EventSourceContext<Strategy> context) {
    return StrategyEventSources.create(context);
  }

  /** One step: observe → decide → write the decided status → act → write what acting observed. */
  @Override
  public UpdateControl<Strategy> reconcile(Strategy strategy, Context<Strategy> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    StrategyObservation seen = observer.observe(strategy, context, false, now);
    InstanceSwitch decision = InstanceSwitch.decide(seen, now, drainTimeout);
    StrategyStatus decided = StrategyStatusModel.status(seen, decision, now, drainTimeout);
    return statusCommit.commitAndAct(
        strategy, decided, context, actions.onceWritten(seen, decision, context, now));
  }

  /**
   * A Live strategy's active engine is drained before its finalizer goes, so no order it placed
   * stays open on the venue; bounded by the drain timeout.
   */
  @Override
  public DeleteControl cleanup(Strategy strategy, Context<Strategy> context) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    StrategyObservation seen = observer.observe(strategy, context, true, now);
    InstanceSwitch decision = InstanceSwitch.decideDeletion(seen, now, drainTimeout);
    if (decision.step() == Step.RELEASE) {
      actions.announceDrain(strategy, decision);
      observer.forget(strategy);
      return DeleteControl.defaultDelete();
    }
    StrategyStatus status = StrategyStatusModel.status(seen, decision, now, drainTimeout);
    if (!status.equals(strategy.getStatus())) {
      if (StatusWriter.write(strategy, status, context).isEmpty()) {
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(StatusCommit.AFTER_CONFLICT);
      }
    }
    actions.announceDrain(strategy, decision);
    actions.drain(seen, decision, now);
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(StrategyActions.WHILE_DRAINING);
  }

  private static String readyMessage(StrategyStatus status) {
    return status.conditions().stream()
        .filter(c -> c.type().equals(Condition.READY))
        .map(c -> ": " + c.message())
        .findFirst()
        .orElse("");
  }

  /**
   * Ready and Halted flips are events, a warning when Ready stopped holding (or starts out false)
   * or Halted starts holding; Progressing is covered by the drain's own events.
   */
  private static String flipEvent(Condition flipped, boolean firstStatus) {
    return switch (flipped.type()) {
      case Condition.READY -> flipped.holds() ? EventRecorder.NORMAL : EventRecorder.WARNING;
      case StrategyStatusModel.HALTED ->
          flipped.holds() ? EventRecorder.WARNING : firstStatus ? null : EventRecorder.NORMAL;
      default -> null;
    };
  }

  @Override
  public void close() {
    engine.close();
  }
}
