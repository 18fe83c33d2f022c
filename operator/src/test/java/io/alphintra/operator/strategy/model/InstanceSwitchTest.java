package io.alphintra.operator.strategy.model;

import static io.alphintra.operator.strategy.model.Strategies.inputs;
import static io.alphintra.operator.strategy.model.Strategies.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyDrain;
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.strategy.model.InstanceSwitch.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceSwitchTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Problem CONNECTION_NOT_READY =
      new Problem("BrokerConnectionNotReady", "Live mode needs a Ready BrokerConnection: sim");

  /** The instance a Deployment built for {@code spec} runs. */
  private static RunningInstance runningFor(StrategySpec spec, long instance, int replicas) {
    return RunningInstance.of(
        StrategyResources.deployment(inputs(strategy(spec)), instance, replicas));
  }

  private static StrategyStatus status(long instance, StrategyDrain drain) {
    return new StrategyStatus(3L, null, null, null, null, null, null, null, "r", instance, drain);
  }

  private static StrategyObservation seen(
      Strategy s, RunningInstance running, EngineReport report) {
    return new StrategyObservation(s, inputs(s), null, running, report);
  }

  @Test
  void aNewStrategyIsAppliedWithOneReplica() {
    Strategy s = strategy(Strategies.paper());
    InstanceSwitch d = InstanceSwitch.decide(seen(s, null, null), NOW, TIMEOUT);
    assertThat(d.step()).isEqualTo(Step.APPLY);
    assertThat(d.replicas()).isEqualTo(1);
    assertThat(d.instance()).isEqualTo(1);
    assertThat(d.drain()).isNull();
  }

  @Test
  void aRunningInstanceAsDesiredIsLeftRunning() {
    Strategy s = strategy(Strategies.paper(), status(2, null));
    var running = runningFor(Strategies.paper(), 2, 1);
    var report = Engines.report(EnginePhase.RUNNING, StrategyConfig.revision(s));
    InstanceSwitch d = InstanceSwitch.decide(seen(s, running, report), NOW, TIMEOUT);
    assertThat(d.step()).isEqualTo(Step.APPLY);
    assertThat(d.instance()).isEqualTo(2);
    assertThat(d.replicas()).isEqualTo(1);
  }

  @Test
  void aSpecChangeFirstDrainsTheRunningInstanceAndRecordsIt() {
    var old = Strategies.paper();
    var changed = Strategies.spec(TradingMode.Paper, null, 7, false, null);
    Strategy s = strategy(changed, status(2, null));
    var running = runningFor(old, 2, 1);
    var report = Engines.report(EnginePhase.RUNNING, StrategyConfig.revision(strategy(old)));

    InstanceSwitch d = InstanceSwitch.decide(seen(s, running, report), NOW, TIMEOUT);

    assertThat(d.step()).isEqualTo(Step.BEGIN_DRAIN);
    assertThat(d.drain().reason()).isEqualTo(InstanceSwitch.UPDATE);
    assertThat(d.drain().revision()).isEqualTo(StrategyConfig.revision(strategy(old)));
    assertThat(d.drain().startedAt()).isEqualTo(NOW.toString());
    assertThat(d.instance()).as("the Deployment keeps running instance 2").isEqualTo(2);
  }

  @Test
  void theSwitchWaitsWhileTheInstanceDrainsAndReplacesItOnlyOnceDrained() {
    var old = Strategies.paper();
    var changed = Strategies.spec(TradingMode.Paper, null, 7, false, null);
    String oldRevision = StrategyConfig.revision(strategy(old));
    var drain =
        new StrategyDrain(oldRevision, InstanceSwitch.UPDATE, NOW.minusSeconds(30).toString());
    Strategy s = strategy(changed, status(2, drain));
    var running = runningFor(old, 2, 1);

    InstanceSwitch waiting =
        InstanceSwitch.decide(
            seen(s, running, Engines.report(EnginePhase.DRAINING, oldRevision)), NOW, TIMEOUT);
    assertThat(waiting.step()).isEqualTo(Step.AWAIT_DRAIN);
    assertThat(waiting.drain()).isEqualTo(drain);

    InstanceSwitch unreachable =
        InstanceSwitch.decide(seen(s, running, EngineReport.unreachable("refused")), NOW, TIMEOUT);
    assertThat(unreachable.step()).as("no answer is not DRAINED").isEqualTo(Step.AWAIT_DRAIN);

    InstanceSwitch replaced =
        InstanceSwitch.decide(
            seen(s, running, Engines.report(EnginePhase.DRAINED, oldRevision)), NOW, TIMEOUT);
    assertThat(replaced.step()).isEqualTo(Step.REPLACE);
    assertThat(replaced.instance()).isEqualTo(3);
    assertThat(replaced.replicas()).isEqualTo(1);
    assertThat(replaced.drain()).isNull();
    assertThat(replaced.finished()).isEqualTo(drain);
    assertThat(replaced.timedOut()).isFalse();
  }

  @Test
  void aDrainThatOutlivesTheTimeoutIsReportedAndTheSwitchProceeds() {
    var old = Strategies.paper();
    var changed = Strategies.spec(TradingMode.Paper, null, 7, false, null);
    String oldRevision = StrategyConfig.revision(strategy(old));
    var drain =
        new StrategyDrain(oldRevision, InstanceSwitch.UPDATE, NOW.minus(TIMEOUT).toString());
    Strategy s = strategy(changed, status(2, drain));

    InstanceSwitch d =
        InstanceSwitch.decide(
            seen(s, runningFor(old, 2, 1), Engines.report(EnginePhase.DRAINING, oldRevision)),
            NOW,
            TIMEOUT);

    assertThat(d.step()).isEqualTo(Step.REPLACE);
    assertThat(d.timedOut()).isTrue();
    assertThat(d.instance()).isEqualTo(3);
  }

  @Test
  void aStartedDrainCompletesEvenWhenTheSpecIsRevertedMeanwhile() {
    var spec = Strategies.paper();
    String revision = StrategyConfig.revision(strategy(spec));
    var drain = new StrategyDrain(revision, InstanceSwitch.UPDATE, NOW.minusSeconds(5).toString());
    Strategy s = strategy(spec, status(2, drain));

    InstanceSwitch d =
        InstanceSwitch.decide(
            seen(s, runningFor(spec, 2, 1), Engines.report(EnginePhase.DRAINED, revision)),
            NOW,
            TIMEOUT);

    assertThat(d.step()).isEqualTo(Step.REPLACE);
    assertThat(d.instance()).as("a new pod, the drained one never trades again").isEqualTo(3);
  }

  @Test
  void suspendDrainsThenScalesToZeroAndResumeStartsANewInstance() {
    var suspended = Strategies.spec(TradingMode.Paper, null, 5, true, null);
    String revision = StrategyConfig.revision(strategy(suspended));
    var running = runningFor(Strategies.paper(), 2, 1);

    InstanceSwitch begin =
        InstanceSwitch.decide(
            seen(
                strategy(suspended, status(2, null)),
                running,
                Engines.report(EnginePhase.RUNNING, revision)),
            NOW,
            TIMEOUT);
    assertThat(begin.step()).isEqualTo(Step.BEGIN_DRAIN);
    assertThat(begin.drain().reason()).isEqualTo(InstanceSwitch.SUSPEND);

    InstanceSwitch scaledDown =
        InstanceSwitch.decide(
            seen(
                strategy(suspended, status(2, begin.drain())),
                running,
                Engines.report(EnginePhase.DRAINED, revision)),
            NOW,
            TIMEOUT);
    assertThat(scaledDown.step()).isEqualTo(Step.REPLACE);
    assertThat(scaledDown.replicas()).isZero();

    InstanceSwitch stays =
        InstanceSwitch.decide(
            seen(strategy(suspended, status(3, null)), runningFor(suspended, 3, 0), null),
            NOW,
            TIMEOUT);
    assertThat(stays.step()).isEqualTo(Step.APPLY);
    assertThat(stays.replicas()).isZero();

    InstanceSwitch resumed =
        InstanceSwitch.decide(
            seen(strategy(Strategies.paper(), status(3, null)), runningFor(suspended, 3, 0), null),
            NOW,
            TIMEOUT);
    assertThat(resumed.step()).isEqualTo(Step.APPLY);
    assertThat(resumed.replicas()).isEqualTo(1);
  }

  @Test
  void theReplacedPodsDrainedAnswerAfterASwitchStartsNoNewDrain() {
    Strategy s = strategy(Strategies.paper(), status(3, null));
    String revision = StrategyConfig.revision(s);
    InstanceSwitch d =
        InstanceSwitch.decide(
            seen(
                s,
                runningFor(Strategies.paper(), 3, 1),
                Engines.report(EnginePhase.DRAINED, revision)),
            NOW,
            TIMEOUT);
    assertThat(d.step()).isEqualTo(Step.APPLY);
    assertThat(d.drain()).isNull();
    assertThat(d.instance()).isEqualTo(3);
  }

  @Test
  void aDeploymentSeenFromBeforeTheLastSwitchStartsNoDrainOfTheNewInstance() {
    // The switch to instance 3 was written; the cache still shows instance 2 with the old
    // template, and /status (through the Service) already answers for the new pod.
    var old = Strategies.paper();
    var changed = Strategies.spec(TradingMode.Paper, null, 7, false, null);
    Strategy s = strategy(changed, status(3, null));
    InstanceSwitch d =
        InstanceSwitch.decide(
            seen(
                s,
                runningFor(old, 2, 1),
                Engines.report(EnginePhase.RUNNING, StrategyConfig.revision(s))),
            NOW,
            TIMEOUT);

    assertThat(d.step()).isEqualTo(Step.APPLY);
    assertThat(d.drain()).isNull();
    assertThat(d.instance()).isEqualTo(3);
    assertThat(d.replicas()).isEqualTo(1);
  }

  @Test
  void aLiveStrategyWhoseConnectionIsNotReadyDoesNotStart() {
    Strategy s = strategy(Strategies.live());
    var blocked = new StrategyObservation(s, inputs(s), CONNECTION_NOT_READY, null, null);
    assertThat(InstanceSwitch.decide(blocked, NOW, TIMEOUT).step()).isEqualTo(Step.BLOCKED);

    Strategy suspended =
        strategy(Strategies.spec(TradingMode.Live, Strategies.RISK, 5, true, null));
    var windingDown =
        new StrategyObservation(
            suspended,
            inputs(suspended),
            CONNECTION_NOT_READY,
            runningFor(Strategies.live(), 1, 1),
            Engines.report(EnginePhase.RUNNING, StrategyConfig.revision(suspended)));
    assertThat(InstanceSwitch.decide(windingDown, NOW, TIMEOUT).step())
        .as("suspending is never blocked")
        .isEqualTo(Step.BEGIN_DRAIN);
  }

  @Test
  void withoutItsEnvironmentNothingIsApplied() {
    Strategy s = strategy(Strategies.paper());
    var missing =
        new StrategyObservation(s, null, new Problem("EnvironmentNotFound", "dev"), null, null);
    assertThat(InstanceSwitch.decide(missing, NOW, TIMEOUT).step()).isEqualTo(Step.BLOCKED);
  }

  @Test
  void deletingALiveStrategyDrainsItsEngineFirstAndAPaperOneIsReleasedAtOnce() {
    Strategy live = strategy(Strategies.live(), status(1, null));
    String revision = StrategyConfig.revision(live);
    var running = runningFor(Strategies.live(), 1, 1);

    InstanceSwitch begin =
        InstanceSwitch.decideDeletion(
            seen(live, running, Engines.report(EnginePhase.RUNNING, revision)), NOW, TIMEOUT);
    assertThat(begin.step()).isEqualTo(Step.BEGIN_DRAIN);
    assertThat(begin.drain().reason()).isEqualTo(InstanceSwitch.DELETE);

    Strategy draining = strategy(Strategies.live(), status(1, begin.drain()));
    assertThat(
            InstanceSwitch.decideDeletion(
                    seen(draining, running, Engines.report(EnginePhase.DRAINING, revision)),
                    NOW.plusSeconds(10),
                    TIMEOUT)
                .step())
        .isEqualTo(Step.AWAIT_DRAIN);
    InstanceSwitch released =
        InstanceSwitch.decideDeletion(
            seen(draining, running, Engines.report(EnginePhase.DRAINED, revision)),
            NOW.plusSeconds(20),
            TIMEOUT);
    assertThat(released.step()).isEqualTo(Step.RELEASE);
    assertThat(released.timedOut()).isFalse();
    InstanceSwitch givenUp =
        InstanceSwitch.decideDeletion(
            seen(draining, running, EngineReport.unreachable("refused")),
            NOW.plus(TIMEOUT),
            TIMEOUT);
    assertThat(givenUp.step()).isEqualTo(Step.RELEASE);
    assertThat(givenUp.timedOut()).isTrue();

    Strategy paper = strategy(Strategies.paper(), status(1, null));
    assertThat(
            InstanceSwitch.decideDeletion(
                    seen(
                        paper,
                        runningFor(Strategies.paper(), 1, 1),
                        Engines.report(EnginePhase.RUNNING, StrategyConfig.revision(paper))),
                    NOW,
                    TIMEOUT)
                .step())
        .isEqualTo(Step.RELEASE);
  }
}
