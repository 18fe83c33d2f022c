package io.alphintra.operator.strategy.model;

import static io.alphintra.operator.strategy.model.Strategies.inputs;
import static io.alphintra.operator.strategy.model.Strategies.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.StrategyDrain;
import io.alphintra.api.v1alpha1.StrategyPhase;
import io.alphintra.api.v1alpha1.StrategyStatus;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Problem;
import io.alphintra.operator.strategy.model.InstanceSwitch.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyStatusModelTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static InstanceSwitch apply(int replicas) {
    return new InstanceSwitch(Step.APPLY, null, 1, replicas, null, false);
  }

  private static Condition condition(StrategyStatus status, String type) {
    return Conditions.find(status.conditions(), type).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
    "STARTING, false, Pending",
    "RUNNING, false, Running",
    "SUSPENDED, true, Suspended",
    "DRAINING, true, Suspended",
    "DRAINED, true, Suspended",
    "DRAINING, false, Running",
    "DRAINED, false, Pending",
    "HALTED, false, Halted",
    "FAILED, false, Failed"
  })
  void theEnginesPhaseMapsAsTheContractSays(
      EnginePhase engine, boolean suspend, StrategyPhase phase) {
    var report = Engines.report(engine, "r");
    assertThat(StrategyStatusModel.phase(apply(suspend ? 0 : 1), report, suspend, true))
        .isEqualTo(phase);
  }

  @Test
  void withoutAnAnswerTheStrategyIsPendingOrSuspendedWhenScaledDown() {
    assertThat(StrategyStatusModel.phase(apply(1), EngineReport.unreachable("x"), false, true))
        .isEqualTo(StrategyPhase.Pending);
    assertThat(StrategyStatusModel.phase(apply(0), null, true, false))
        .isEqualTo(StrategyPhase.Suspended);
  }

  @Test
  void aRunningEngineAtTheDesiredRevisionIsReadyWithItsPnlSummedExactly() {
    var s = strategy(Strategies.paper());
    String revision = StrategyConfig.revision(s);
    var report =
        new EngineReport(
            true,
            EnginePhase.RUNNING,
            revision,
            "0.1",
            "0.2",
            List.of(new io.alphintra.api.v1alpha1.Position("BTCUSDT", "0.02", "30123.4", "0.2")),
            17,
            1,
            "2026-11-30T11:59:00Z",
            null,
            null,
            null,
            null);
    var seen = new StrategyObservation(s, inputs(s), null, null, report);

    StrategyStatus status = StrategyStatusModel.status(seen, apply(1), NOW, TIMEOUT);

    assertThat(status.phase()).isEqualTo(StrategyPhase.Running);
    assertThat(condition(status, Condition.READY).holds()).isTrue();
    assertThat(condition(status, StrategyStatusModel.HALTED).holds()).isFalse();
    assertThat(status.pnl().total()).isEqualTo("0.3");
    assertThat(status.pnl().realized()).isEqualTo("0.1");
    assertThat(status.positions()).hasSize(1);
    assertThat(status.ordersToday()).isEqualTo(17);
    assertThat(status.lastSignalTime()).isEqualTo("2026-11-30T11:59:00Z");
    assertThat(status.revision()).isEqualTo(revision);
    assertThat(status.observedGeneration()).isEqualTo(3L);
  }

  @Test
  void aHaltIsAConditionWithTheEnginesReasonAndHowToReset() {
    var s = strategy(Strategies.paper());
    var report =
        Engines.halted(StrategyConfig.revision(s), "maxDailyLoss 200 breached: daily loss 201.5");
    var seen = new StrategyObservation(s, inputs(s), null, null, report);

    StrategyStatus status = StrategyStatusModel.status(seen, apply(1), NOW, TIMEOUT);

    assertThat(status.phase()).isEqualTo(StrategyPhase.Halted);
    assertThat(status.haltReason()).isEqualTo("maxDailyLoss 200 breached: daily loss 201.5");
    Condition halted = condition(status, StrategyStatusModel.HALTED);
    assertThat(halted.holds()).isTrue();
    assertThat(halted.reason()).isEqualTo("RiskLimitBreached");
    assertThat(halted.message())
        .contains("maxDailyLoss 200 breached")
        .contains("kubectl annotate strat/sma-btc trading.alphintra.io/reset-halt=true");
    assertThat(condition(status, Condition.READY).holds()).isFalse();
  }

  @Test
  void aStartingEngineSaysWhyItIsNotTradingYet() {
    var s = strategy(Strategies.paper());
    var report =
        Engines.starting(
            StrategyConfig.revision(s),
            "trading-api has no connector for BrokerConnection sim yet; "
                + "x".repeat(StrategyStatusModel.MAX_REASON * 2));
    var seen = new StrategyObservation(s, inputs(s), null, null, report);

    StrategyStatus status = StrategyStatusModel.status(seen, apply(1), NOW, TIMEOUT);

    assertThat(status.phase()).isEqualTo(StrategyPhase.Pending);
    Condition ready = condition(status, Condition.READY);
    assertThat(ready.holds()).isFalse();
    assertThat(ready.reason()).isEqualTo("Starting");
    assertThat(ready.message())
        .startsWith(
            "The engine is starting: trading-api has no connector for BrokerConnection sim yet")
        .hasSizeLessThan(StrategyStatusModel.MAX_REASON + 40);
  }

  @Test
  void aBlockedLiveStrategyIsPendingAndSaysWhatIsMissing() {
    var s = strategy(Strategies.live());
    var blocker =
        new Problem(
            StrategyStatusModel.BROKER_CONNECTION_NOT_READY,
            "Live mode needs a Ready BrokerConnection: sim (spec.brokerConnectionRef) is not Ready");
    var seen = new StrategyObservation(s, inputs(s), blocker, null, null);

    StrategyStatus status =
        StrategyStatusModel.status(
            seen, new InstanceSwitch(Step.BLOCKED, null, 1, 0, null, false), NOW, TIMEOUT);

    assertThat(status.phase()).isEqualTo(StrategyPhase.Pending);
    Condition ready = condition(status, Condition.READY);
    assertThat(ready.holds()).isFalse();
    assertThat(ready.reason()).isEqualTo("BrokerConnectionNotReady");
    assertThat(ready.message()).contains("sim").contains("spec.brokerConnectionRef");
  }

  @Test
  void aDrainIsProgressingAndKeepsTheLastPnl() {
    var s = strategy(Strategies.spec(TradingMode.Paper, null, 7, false, null));
    var drain = new StrategyDrain("old", InstanceSwitch.UPDATE, NOW.toString());
    var previous =
        new StrategyStatus(
            3L,
            StrategyPhase.Running,
            List.of(),
            new io.alphintra.api.v1alpha1.ProfitAndLoss("1", "2", "3"),
            List.of(),
            5,
            null,
            null,
            "old",
            1L,
            null);
    s.setStatus(previous);
    var seen =
        new StrategyObservation(s, inputs(s), null, null, EngineReport.unreachable("refused"));

    StrategyStatus status =
        StrategyStatusModel.status(
            seen, new InstanceSwitch(Step.AWAIT_DRAIN, drain, 1, 1, null, false), NOW, TIMEOUT);

    assertThat(status.drain()).isEqualTo(drain);
    Condition progressing = condition(status, Condition.PROGRESSING);
    assertThat(progressing.holds()).isTrue();
    assertThat(progressing.reason()).isEqualTo("Draining");
    assertThat(progressing.message()).contains("2026-11-30T12:02:00Z");
    assertThat(condition(status, Condition.READY).reason()).isEqualTo("Draining");
    assertThat(status.pnl().total()).isEqualTo("3");
    assertThat(status.ordersToday()).isEqualTo(5);
  }

  @Test
  void aTimedOutDrainSaysSoAndWhatFollows() {
    var s = strategy(Strategies.paper());
    var finished = new StrategyDrain("old", InstanceSwitch.UPDATE, NOW.minus(TIMEOUT).toString());
    var seen = new StrategyObservation(s, inputs(s), null, null, EngineReport.unreachable("x"));

    StrategyStatus status =
        StrategyStatusModel.status(
            seen, new InstanceSwitch(Step.REPLACE, null, 2, 1, finished, true), NOW, TIMEOUT);

    Condition progressing = condition(status, Condition.PROGRESSING);
    assertThat(progressing.reason()).isEqualTo("DrainTimedOut");
    assertThat(progressing.message())
        .contains("did not report DRAINED within PT2M")
        .contains("ALPHINTRA_STRATEGY_DRAIN_TIMEOUT")
        .contains("replaced anyway");
    assertThat(status.instance()).isEqualTo(2);
    assertThat(status.drain()).isNull();
  }

  @Test
  void anUnchangedReportGivesAnEqualStatus() {
    var s = strategy(Strategies.paper());
    var report = Engines.report(EnginePhase.RUNNING, StrategyConfig.revision(s));
    var first =
        StrategyStatusModel.status(
            new StrategyObservation(s, inputs(s), null, null, report), apply(1), NOW, TIMEOUT);
    s.setStatus(first);
    var second =
        StrategyStatusModel.status(
            new StrategyObservation(s, inputs(s), null, null, report),
            apply(1),
            NOW.plusSeconds(30),
            TIMEOUT);
    assertThat(second).isEqualTo(first);
  }
}
