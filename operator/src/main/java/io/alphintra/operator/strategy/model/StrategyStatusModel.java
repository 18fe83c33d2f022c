package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.Position;
import io.alphintra.api.v1alpha1.ProfitAndLoss;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyDrain;
import io.alphintra.api.v1alpha1.StrategyPhase;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.strategy.model.InstanceSwitch.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status of a Strategy from what its engine reported and the step decided: the phase (mapped
 * from the engine's as the contract says), PnL and positions, and the Ready, Progressing and Halted
 * conditions. Without a fresh report the last PnL and positions are kept.
 */
public final class StrategyStatusModel {
  public static final String HALTED = "Halted";
  public static final String ENVIRONMENT_NOT_FOUND = "EnvironmentNotFound";
  public static final String ENVIRONMENT_NOT_READY = "EnvironmentNotReady";
  public static final String BROKER_CONNECTION_NOT_FOUND = "BrokerConnectionNotFound";
  public static final String BROKER_CONNECTION_NOT_READY = "BrokerConnectionNotReady";

  private StrategyStatusModel() {}

  public static StrategyStatus status(
      StrategyObservation seen, InstanceSwitch decision, Instant now, Duration drainTimeout) {
    Strategy strategy = seen.strategy();
    Optional<StrategyStatus> previous = Optional.ofNullable(strategy.getStatus());
    long generation = Optional.ofNullable(strategy.getMetadata().getGeneration()).orElse(0L);
    Conditions conditions =
        new Conditions(previous.map(StrategyStatus::conditions).orElse(List.of()), generation, now);
    EngineReport report = seen.report();
    boolean reported = report != null && report.reachable();
    boolean suspend = strategy.getSpec().suspendOrDefault();
    StrategyDrain drain = decision.drain();
    String desired = StrategyConfig.revision(strategy);
    boolean runsAfter =
        decision.replicas() > 0
            && decision.step() != Step.BLOCKED
            && decision.step() != Step.RELEASE;

    StrategyPhase phase = phase(decision, report, suspend, seen.active());
    Verdict ready = ready(seen, decision, phase, desired, drainTimeout);
    conditions.set(Condition.READY, ready.holds(), ready.reason(), ready.message());
    if (drain != null) {
      conditions.set(
          Condition.PROGRESSING,
          true,
          "Draining",
          "Draining instance "
              + decision.instance()
              + " (revision "
              + drain.revision()
              + ", "
              + drain.reason()
              + ") since "
              + drain.startedAt()
              + "; it is replaced once it reports DRAINED, at the latest at "
              + InstanceSwitch.deadline(drain, drainTimeout));
    } else if (decision.finished() != null && decision.timedOut()) {
      conditions.set(
          Condition.PROGRESSING,
          true,
          "DrainTimedOut",
          timeoutMessage(decision.finished(), drainTimeout));
    } else if (runsAfter && !(reported && desired.equals(report.revision()))) {
      conditions.set(
          Condition.PROGRESSING, true, "Starting", "Starting the engine at revision " + desired);
    } else {
      conditions.set(Condition.PROGRESSING, false, "Stable", "No switch in progress");
    }
    boolean halted = reported && report.phase() == EnginePhase.HALTED;
    conditions.set(
        HALTED,
        halted,
        halted ? "RiskLimitBreached" : "NotHalted",
        halted
            ? "The engine halted: "
                + Optional.ofNullable(report.haltReason()).orElse("no reason given")
                + ". Fix the cause, then kubectl annotate strat/"
                + strategy.getMetadata().getName()
                + " trading.alphintra.io/reset-halt=true"
            : "No risk limit is breached");

    ProfitAndLoss pnl = previous.map(StrategyStatus::pnl).orElse(null);
    List<Position> positions = previous.map(StrategyStatus::positions).orElse(null);
    Integer ordersToday = previous.map(StrategyStatus::ordersToday).orElse(null);
    String lastSignal = previous.map(StrategyStatus::lastSignalTime).orElse(null);
    if (reported) {
      pnl = Optional.ofNullable(report.pnl()).orElse(pnl);
      positions = report.positions();
      ordersToday = report.ordersToday();
      lastSignal = report.lastSignalTime();
    }
    String revision =
        switch (decision.step()) {
          case APPLY, REPLACE -> desired;
          default -> seen.running() == null ? null : seen.running().revision();
        };
    return new StrategyStatus(
        generation,
        phase,
        conditions.build(),
        pnl,
        positions,
        ordersToday,
        lastSignal,
        halted ? report.haltReason() : null,
        revision,
        decision.instance(),
        drain);
  }

  /**
   * The contract's mapping: STARTING→Pending, RUNNING→Running, SUSPENDED/DRAINING/DRAINED→Suspended
   * when spec.suspend, else Running while draining and Pending once drained (a switch), HALTED→
   * Halted, FAILED→Failed. Without an answer: Suspended when scaled down by spec.suspend, else
   * Pending.
   */
  static StrategyPhase phase(
      InstanceSwitch decision, EngineReport report, boolean suspend, boolean active) {
    if (report == null || !report.reachable()) {
      boolean scaledDown = !active && decision.replicas() == 0;
      return suspend && scaledDown && decision.step() != Step.BLOCKED
          ? StrategyPhase.Suspended
          : StrategyPhase.Pending;
    }
    return switch (report.phase()) {
      case STARTING -> StrategyPhase.Pending;
      case RUNNING -> StrategyPhase.Running;
      case SUSPENDED, DRAINING, DRAINED ->
          suspend
              ? StrategyPhase.Suspended
              : report.phase() == EnginePhase.DRAINED
                  ? StrategyPhase.Pending
                  : StrategyPhase.Running;
      case HALTED -> StrategyPhase.Halted;
      case FAILED -> StrategyPhase.Failed;
    };
  }

  private record Verdict(boolean holds, String reason, String message) {}

  /** The longest engine-reported reason a condition message carries. */
  static final int MAX_REASON = 300;

  private static String abbreviate(String reason) {
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
  }

  private static Verdict ready(
      StrategyObservation seen,
      InstanceSwitch decision,
      StrategyPhase phase,
      String desired,
      Duration drainTimeout) {
    Problem blocker = seen.blocker();
    EngineReport report = seen.report();
    boolean suspend = seen.strategy().getSpec().suspendOrDefault();
    if (blocker != null && (decision.step() == Step.BLOCKED || !seen.active())) {
      return new Verdict(false, blocker.reason(), blocker.message());
    }
    if (decision.drain() != null) {
      return new Verdict(
          false,
          "Draining",
          "The running instance drains (stops new orders, cancels open ones) before it is "
              + (decision.drain().reason().equals(InstanceSwitch.SUSPEND)
                  ? "scaled to zero"
                  : decision.drain().reason().equals(InstanceSwitch.DELETE)
                      ? "deleted"
                      : "replaced by revision " + desired));
    }
    if (phase == StrategyPhase.Suspended) {
      return new Verdict(
          false,
          "Suspended",
          suspend
              ? "spec.suspend is true: the engine was drained and scaled to zero; set it to false"
                  + " to start it again"
              : "The engine reports SUSPENDED");
    }
    if (report == null || !report.reachable()) {
      return new Verdict(
          false,
          "EngineUnreachable",
          "Waiting for the strategy-engine to answer GET /status"
              + (report == null || report.error() == null ? "" : ": " + report.error()));
    }
    return switch (report.phase()) {
      case RUNNING ->
          desired.equals(report.revision())
              ? blocker != null
                  ? new Verdict(false, blocker.reason(), blocker.message())
                  : new Verdict(
                      true,
                      "Running",
                      "The engine trades revision "
                          + desired
                          + " in "
                          + seen.strategy().getSpec().modeOrDefault()
                          + " mode")
              : new Verdict(
                  false,
                  "RevisionMismatch",
                  "The engine runs revision "
                      + report.revision()
                      + ", the spec wants "
                      + desired
                      + "; the next instance starts after a drain");
      case STARTING ->
          new Verdict(
              false,
              "Starting",
              "The engine is starting"
                  + Optional.ofNullable(report.startingReason())
                      .map(why -> ": " + abbreviate(why))
                      .orElse(""));
      case HALTED ->
          new Verdict(
              false,
              "Halted",
              "The engine halted on a risk limit: "
                  + Optional.ofNullable(report.haltReason()).orElse("no reason given"));
      case FAILED ->
          new Verdict(
              false,
              "EngineFailed",
              "The engine failed: "
                  + Optional.ofNullable(report.failureReason()).orElse("no reason given")
                  + "; see its logs (kubectl logs deploy/"
                  + StrategyNames.engine(seen.strategy())
                  + ")");
      case DRAINING, DRAINED ->
          new Verdict(false, "Drained", "The engine drained and is being replaced");
      case SUSPENDED -> new Verdict(false, "Suspended", "The engine reports SUSPENDED");
    };
  }

  /** The message of a drain that timed out: what happened and what follows. */
  public static String timeoutMessage(StrategyDrain drain, Duration drainTimeout) {
    String after =
        switch (drain.reason()) {
          case InstanceSwitch.DELETE ->
              "the Strategy is deleted anyway; orders the engine did not cancel may remain open on"
                  + " the venue: check the account";
          case InstanceSwitch.SUSPEND ->
              "it is scaled to zero anyway; its graceful shutdown cancels what it can, check the"
                  + " account for open orders";
          default ->
              "it is replaced anyway: Recreate stops it before the next instance starts, and the"
                  + " next instance rebuilds its open orders from trading-api";
        };
    return "The instance of revision "
        + drain.revision()
        + " did not report DRAINED within "
        + drainTimeout
        + " (ALPHINTRA_STRATEGY_DRAIN_TIMEOUT); "
        + after;
  }
}
