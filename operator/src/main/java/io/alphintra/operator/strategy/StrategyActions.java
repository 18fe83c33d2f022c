package io.alphintra.operator.strategy;

import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyDrain;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.operator.runtime.ApplyWaves;
import io.alphintra.operator.runtime.ChildApplier;
import io.alphintra.operator.runtime.EventRecorder;
import io.alphintra.operator.runtime.OperatorMetrics;
import io.alphintra.operator.runtime.StatusCommit;
import io.alphintra.operator.runtime.StatusWriter;
import io.alphintra.operator.strategy.model.EnginePhase;
import io.alphintra.operator.strategy.model.EngineReport;
import io.alphintra.operator.strategy.model.InstanceSwitch;
import io.alphintra.operator.strategy.model.InstanceSwitch.Step;
import io.alphintra.operator.strategy.model.ResetHalt;
import io.alphintra.operator.strategy.model.StrategyObservation;
import io.alphintra.operator.strategy.model.StrategyResources;
import io.alphintra.operator.strategy.model.StrategyStatusModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The act step of a Strategy reconcile, run once the decided status is written: applies (or holds)
 * the engine's children, asks the engine to drain or resume, removes a handled reset-halt
 * annotation, and reports what the engine answered as the status to write.
 */
final class StrategyActions {
  /** How often a running engine's status is polled into the Strategy. */
  static final Duration STATUS_INTERVAL = Duration.ofSeconds(15);

  /** How soon a drain is looked at again. */
  static final Duration WHILE_DRAINING = Duration.ofSeconds(2);

  private static final Duration WHILE_NOT_READY = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(StrategyActions.class);

  private final KubernetesClient client;
  private final ChildApplier applier;
  private final StrategyObserver observer;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Duration drainTimeout;

  StrategyActions(
      KubernetesClient client,
      ApplyWaves waves,
      StrategyObserver observer,
      EventRecorder events,
      OperatorMetrics metrics,
      Duration drainTimeout) {
    this.client = client;
    this.applier = new ChildApplier(client, waves);
    this.observer = observer;
    this.events = events;
    this.metrics = metrics;
    this.drainTimeout = drainTimeout;
  }

  /** What the step does once its decided status is written. */
  StatusCommit.Act<Strategy, StrategyStatus> onceWritten(
      StrategyObservation seen, InstanceSwitch decision, Context<Strategy> context, Instant now) {
    return new StatusCommit.Act<>() {
      @Override
      public void announce() {
        announceDrain(seen.strategy(), decision);
      }

      @Override
      public StatusCommit.Acted<StrategyStatus> act(Strategy written) {
        StrategyObservation after = apply(seen, decision, context, now);
        after = resetHalt(written, after, decision, context, now);
        StrategyStatus status = StrategyStatusModel.status(after, decision, now, drainTimeout);
        return new StatusCommit.Acted<>(
            status,
            ready ->
                status.drain() != null
                    ? WHILE_DRAINING
                    : ready ? STATUS_INTERVAL : WHILE_NOT_READY);
      }
    };
  }

  /** Applies what the step decided and asks the engine to drain when it should. */
  StrategyObservation apply(
      StrategyObservation seen, InstanceSwitch decision, Context<Strategy> context, Instant now) {
    Strategy strategy = seen.strategy();
    List<HasMetadata> owned = StrategyEventSources.OWNED.of(strategy, context);
    switch (decision.step()) {
      case APPLY, REPLACE -> {
        List<HasMetadata> desired =
            StrategyResources.desired(seen.inputs(), decision.instance(), decision.replicas());
        applier.apply(desired, ChildApplier.byKey(owned));
        applier.prune(owned, desired, Set.of());
        if (decision.step() == Step.REPLACE) {
          observer.forget(strategy);
        }
      }
      case BEGIN_DRAIN, AWAIT_DRAIN -> {
        if (seen.inputs() != null) {
          applier.apply(StrategyResources.whileDraining(seen.inputs()), ChildApplier.byKey(owned));
        }
        return drain(seen, decision, now);
      }
      case BLOCKED, RELEASE -> {}
    }
    return seen;
  }

  /**
   * Asks the engine to drain when it is not draining yet (idempotent: a restarted engine that came
   * back RUNNING is asked again).
   */
  StrategyObservation drain(StrategyObservation seen, InstanceSwitch decision, Instant now) {
    EngineReport report = seen.report();
    if (decision.step() == Step.BEGIN_DRAIN
        || report == null
        || !(report.is(EnginePhase.DRAINING) || report.is(EnginePhase.DRAINED))) {
      return seen.withReport(observer.control(seen.strategy(), EngineClient.DRAIN, now));
    }
    return seen;
  }

  /**
   * With the reset-halt annotation set: a halted engine is resumed, then the annotation is removed
   * (also when there was nothing to reset, so a leftover never resets a later halt).
   */
  private StrategyObservation resetHalt(
      Strategy written,
      StrategyObservation seen,
      InstanceSwitch decision,
      Context<Strategy> context,
      Instant now) {
    if (!ResetHalt.requested(written) || decision.step() != Step.APPLY) {
      return seen;
    }
    StrategyObservation after = seen;
    if (seen.report() != null && seen.report().is(EnginePhase.HALTED)) {
      after = seen.withReport(observer.control(written, EngineClient.RESUME, now));
      if (!after.report().reachable() || after.report().phase() == EnginePhase.HALTED) {
        // Not resumed: the annotation stays, and the next reconcile asks again.
        LOG.warn(
            "Could not resume {}/{}: {}",
            written.getMetadata().getNamespace(),
            written.getMetadata().getName(),
            after.report().error());
        return after;
      }
      events.record(
          written,
          EventRecorder.NORMAL,
          "HaltReset",
          "The engine resumed trading after "
              + ResetHalt.ANNOTATION
              + " was set (halted for: "
              + Optional.ofNullable(seen.report().haltReason()).orElse("no reason given")
              + ")");
    }
    removeResetAnnotation(written, context);
    return after;
  }

  private void removeResetAnnotation(Strategy strategy, Context<Strategy> context) {
    try {
      Strategy edited =
          client
              .resources(Strategy.class)
              .inNamespace(strategy.getMetadata().getNamespace())
              .withName(strategy.getMetadata().getName())
              .edit(
                  current -> {
                    if (current.getMetadata().getAnnotations() != null) {
                      current.getMetadata().getAnnotations().remove(ResetHalt.ANNOTATION);
                    }
                    return current;
                  });
      StatusWriter.cache(strategy, edited, context);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not remove {} from {}/{} (retried on the next reconcile): {}",
          ResetHalt.ANNOTATION,
          strategy.getMetadata().getNamespace(),
          strategy.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** Events and metrics of a drain that starts or finishes in this step. */
  void announceDrain(Strategy strategy, InstanceSwitch decision) {
    if (decision.step() == Step.BEGIN_DRAIN) {
      StrategyDrain drain = decision.drain();
      events.record(
          strategy,
          EventRecorder.NORMAL,
          "DrainStarted",
          "Asked the engine (revision "
              + drain.revision()
              + ") to drain: stop new orders and cancel open ones, before "
              + switch (drain.reason()) {
                case InstanceSwitch.SUSPEND -> "scaling it to zero (spec.suspend)";
                case InstanceSwitch.DELETE -> "deleting the Strategy";
                default -> "starting the updated spec";
              });
    }
    StrategyDrain finished = decision.finished();
    if (finished != null) {
      metrics.strategyDrain(finished.reason(), decision.timedOut() ? "timed-out" : "drained");
      if (decision.timedOut()) {
        events.record(
            strategy,
            EventRecorder.WARNING,
            "DrainTimedOut",
            StrategyStatusModel.timeoutMessage(finished, drainTimeout));
      } else {
        events.record(
            strategy,
            EventRecorder.NORMAL,
            "Drained",
            "The engine (revision "
                + finished.revision()
                + ") reported DRAINED; "
                + (decision.step() == Step.RELEASE
                    ? "the Strategy is deleted"
                    : decision.replicas() == 0
                        ? "scaling it to zero"
                        : "starting instance " + decision.instance()));
      }
    }
  }
}
