package io.alphintra.operator.environment.model.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutSpec;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.CheckResult;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.environment.model.Stack;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every transition and failure path of the blue-green state machine, as a pure function. */
class BlueGreenRolloutTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final RolloutSettings AUTO = RolloutSettings.of(null);
  private static final Map<PlatformService, Integer> EACH_2 = Stack.everyService(2);
  private static final RolloutSettings MANUAL =
      RolloutSettings.of(new RolloutSpec(null, false, null, null, null, null, null, null, null));

  /** A world the test steps through: the status carried over and what the cluster shows. */
  private static final class World {
    RolloutSettings settings = AUTO;
    TradingEnvironmentStatus status;
    Map<Color, ColorObservation> observed = new EnumMap<>(Color.class);
    Instant now = T0;
    RolloutDecision last;
    Map<PlatformService, Integer> plan = EACH_2;
    Map<PlatformService, Integer> live = EACH_2;
    Map<PlatformService, Integer> fresh = EACH_2;

    /** The color the active Services select: each step's acting switches them to its decision. */
    Color selects;

    /** True: the Services keep their selector after a step (an operator killed before acting). */
    boolean switchLost;

    RolloutDecision step(String version) {
      return step(version, null, null, false);
    }

    RolloutDecision step(String version, CheckResult check, String promote, boolean abort) {
      last =
          BlueGreenRollout.next(
              new RolloutInput(
                  "desk", version, settings, status, plan, live, fresh, observed, selects, check,
                  promote, abort, now));
      if (!switchLost) {
        selects = last.activeColor();
      }
      status =
          new TradingEnvironmentStatus(
              1L,
              null,
              null,
              last.activeColor(),
              last.activeVersion(),
              last.previewVersion(),
              null,
              last.rollout(),
              last.history());
      return last;
    }

    void ready(Color color) {
      twoPodsEach(color, 2, 0, false);
    }

    void unready(Color color) {
      twoPodsEach(color, 1, 0, false);
    }

    void restarted(Color color) {
      twoPodsEach(color, 2, 3, false);
    }

    void crashLooping(Color color) {
      twoPodsEach(color, 0, 5, true);
    }

    /** Two pods of each service at the current template, {@code ready} of each Ready. */
    private void twoPodsEach(Color color, int ready, int restarts, boolean crashLooping) {
      observed.put(
          color,
          new ColorObservation(
              color,
              true,
              4,
              4,
              2 * ready,
              4,
              true,
              restarts,
              crashLooping,
              Stack.everyService(2),
              Stack.everyService(ready)));
    }

    /**
     * A rolling update inside {@code color}: 4 pods wanted, 4 at the new template and 4 Ready,
     * while {@code current} pods exist (the Ready ones may be of the old template).
     */
    void rollingUpdate(Color color, int current) {
      observed.put(
          color,
          new ColorObservation(
              color,
              true,
              4,
              current,
              4,
              4,
              true,
              0,
              false,
              Stack.everyService(2),
              Stack.everyService(2)));
    }

    /** What the cluster shows of {@code color}: each service's spec.replicas and Ready pods. */
    void observe(Color color, int auth, int authReady, int api, int apiReady) {
      observed.put(
          color,
          new ColorObservation(
              color,
              true,
              auth + api,
              auth + api,
              authReady + apiReady,
              auth + api,
              true,
              0,
              false,
              Map.of(PlatformService.AUTH_SERVICE, auth, PlatformService.TRADING_API, api),
              Map.of(
                  PlatformService.AUTH_SERVICE, authReady, PlatformService.TRADING_API, apiReady)));
    }

    /** The pods the last decision runs of {@code color}. */
    Map<PlatformService, Integer> stackOf(Color color) {
      return last.stacks().stream()
          .filter(stack -> stack.color() == color)
          .findFirst()
          .orElseThrow()
          .replicas();
    }

    void later(Duration d) {
      now = now.plus(d);
    }

    RolloutPhase phase() {
      return last.rollout().phase();
    }

    /**
     * Brings a fresh environment to live 1.0.0 on blue, then asks for 2.0.0 and gets green Ready
     * and stable.
     */
    void toChecking() {
      ready(Color.blue);
      step("1.0.0");
      step("2.0.0");
      ready(Color.green);
      later(Duration.ofSeconds(5));
      step("2.0.0");
      later(settings.stabilization());
      step("2.0.0");
    }

    /** Promotes 2.0.0 while the switch of the active Services is lost (an operator killed then). */
    void promotedWithTheSwitchLost() {
      toChecking();
      switchLost = true;
      passChecks();
    }

    void passChecks() {
      for (int i = 0; i < settings.successThreshold(); i++) {
        later(settings.checkInterval());
        step("2.0.0", new CheckResult(true, "ok"), null, false);
      }
    }
  }

  @Test
  void firstReconcileDeploysTheVersionOnBlueWithoutARollout() {
    World w = new World();
    var d = w.step("1.0.0");

    assertThat(d.activeColor()).isEqualTo(Color.blue);
    assertThat(d.activeVersion()).isEqualTo("1.0.0");
    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Completed);
    assertThat(d.stacks())
        .containsExactly(new Stack(Color.blue, "1.0.0", Stack.everyService(2), true));
  }

  @Test
  void versionChangeDeploysTheIdleColorWhileTheActiveServiceKeepsTheLiveOne() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    var d = w.step("2.0.0");

    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(d.rollout().revision()).isEqualTo(2);
    assertThat(d.activeColor()).isEqualTo(Color.blue);
    assertThat(d.previewColor()).isEqualTo(Color.green);
    assertThat(d.stacks())
        .containsExactly(
            new Stack(Color.blue, "1.0.0", Stack.everyService(2), true),
            new Stack(Color.green, "2.0.0", Stack.everyService(2), false));
    assertThat(d.transitions())
        .extracting(RolloutTransition::reason)
        .containsExactly("RolloutStarted");
  }

  @Test
  void readyPodsStabilizeThenChecksRunThenPromotionSwitchesTheActiveColor() {
    World w = new World();
    w.toChecking();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Checking);
    assertThat(BlueGreenRollout.checkDue(w.status, w.settings, w.now)).contains(Color.green);

    w.passChecks();

    assertThat(w.phase()).isEqualTo(RolloutPhase.Promoted);
    assertThat(w.last.activeColor()).isEqualTo(Color.green);
    assertThat(w.last.activeVersion()).isEqualTo("2.0.0");
    assertThat(w.last.stacks())
        .contains(new Stack(Color.blue, "1.0.0", Stack.everyService(2), false));
  }

  @Test
  void stabilizationWaitsTheConfiguredTimeBeforeChecks() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    w.ready(Color.green);
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.Stabilizing);
    w.later(w.settings.stabilization().minusSeconds(1));
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.Stabilizing);
    w.later(Duration.ofSeconds(1));
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.Checking);
  }

  @Test
  void anAbortNeverCountsReadyPodsOfThePreviousTemplateAsTheNewOnes() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    // A rolling update of green still runs its 4 Ready pods of the old template beside 4 new
    // pods that never become Ready: readyReplicas says 4 of 4.
    w.rollingUpdate(Color.green, 8);
    w.later(w.settings.progressDeadline());
    var d = w.step("2.0.0");

    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(d.rollout().message())
        .contains(
            "(4/4 pods at the new template, 4 of the previous template still running, 4 Ready in"
                + " all)")
        .doesNotContain("4/4 ready");
  }

  @Test
  void maxStartingPodsStartsTheNewColorAFewPodsAtATimeServicesInOrder() {
    World w = new World();
    w.settings = oneAtATime();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(counts(1, 0));
    assertThat(w.last.rollout().message())
        .isEqualTo(
            "Deploying 2.0.0 on green, starting at most 1 pod at a time"
                + " (rollout.maxStartingPods): 1 of 4 started");
    assertThat(w.stackOf(Color.blue)).isEqualTo(EACH_2);

    // Still starting: nothing more starts, and a step that reads a cache from before its own
    // apply never takes back what it started.
    w.observe(Color.green, 0, 0, 0, 0);
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(counts(1, 0));
    w.observe(Color.green, 1, 0, 0, 0);
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(counts(1, 0));

    w.observe(Color.green, 1, 1, 0, 0);
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(counts(2, 0));
    w.observe(Color.green, 2, 2, 0, 0);
    w.step("2.0.0");
    // Both auth-service pods are Ready, which is all the color runs so far: not yet every pod.
    assertThat(w.phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(w.stackOf(Color.green)).isEqualTo(counts(2, 1));
    // An auth-service pod that becomes unready again counts as starting.
    w.observe(Color.green, 2, 1, 1, 1);
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(counts(2, 1));
    w.observe(Color.green, 2, 2, 1, 1);
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(EACH_2);
    assertThat(w.last.rollout().message()).endsWith("4 of 4 started");

    w.observe(Color.green, 2, 2, 2, 2);
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.Stabilizing);
    assertThat(w.stackOf(Color.green)).isEqualTo(EACH_2);
  }

  @Test
  void withMaxStartingPodsTheProgressDeadlineCountsFromTheLatestStep() {
    World w = new World();
    w.settings = oneAtATime();
    Duration mostOfTheDeadline = w.settings.progressDeadline().minusSeconds(10);
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    w.observe(Color.green, 1, 0, 0, 0);
    // {Ready, then started by the step that saw it Ready}: every pod takes most of the deadline,
    // the color three times the deadline.
    int[][][] steps = {
      {{1, 1, 0, 0}, {2, 1, 0, 0}}, {{2, 2, 0, 0}, {2, 2, 1, 0}}, {{2, 2, 1, 1}, {2, 2, 2, 1}}
    };
    for (int[][] step : steps) {
      w.later(mostOfTheDeadline);
      w.step("2.0.0");
      assertThat(w.phase()).isEqualTo(RolloutPhase.Progressing);
      w.observe(Color.green, step[0][0], step[0][1], step[0][2], step[0][3]);
      w.step("2.0.0");
      w.observe(Color.green, step[1][0], step[1][1], step[1][2], step[1][3]);
    }
    assertThat(w.phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(w.stackOf(Color.green)).isEqualTo(EACH_2);
    // The last pod never becomes Ready: the deadline runs out from when it was started.
    w.later(w.settings.progressDeadline());
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(w.last.rollout().message())
        .contains("were not Ready within progressDeadlineSeconds=600 of being started (3/4 ready)");
  }

  @Test
  void withoutMaxStartingPodsTheWholeNewColorStartsAtOnce() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    assertThat(w.stackOf(Color.green)).isEqualTo(EACH_2);
  }

  private static RolloutSettings oneAtATime() {
    return RolloutSettings.of(new RolloutSpec(null, null, null, null, null, null, null, null, 1));
  }

  private static Map<PlatformService, Integer> counts(int auth, int api) {
    return Map.of(PlatformService.AUTH_SERVICE, auth, PlatformService.TRADING_API, api);
  }

  @Test
  void podsNeverReadyWithinTheDeadlineAbortWithTheLiveColorUntouched() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    w.unready(Color.green);
    w.later(w.settings.progressDeadline());
    var d = w.step("2.0.0");

    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(d.activeColor()).isEqualTo(Color.blue);
    assertThat(d.rollout().message())
        .contains("progressDeadlineSeconds")
        .contains("set spec.version back to 1.0.0");
    assertThat(d.rollout().message()).contains("(2/4 ready)");
    assertThat(d.stacks())
        .containsExactly(
            new Stack(Color.blue, "1.0.0", Stack.everyService(2), true),
            new Stack(Color.green, "2.0.0", Stack.everyService(0), false));
    assertThat(d.history().get(0).outcome()).isEqualTo(RolloutOutcome.Aborted);
    assertThat(d.transitions()).singleElement().satisfies(t -> assertThat(t.warning()).isTrue());
  }

  @Test
  void oldReadyPodsDoNotCountForUnreadyNewOnes() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    // A rolling update inside green: 4 wanted, 4 updated, 4 Ready, but 5 pods exist - one Ready pod
    // is old.
    w.rollingUpdate(Color.green, 5);

    assertThat(w.step("2.0.0").rollout().phase()).isEqualTo(RolloutPhase.Progressing);
  }

  @Test
  void crashLoopingPodsAbortAtOnce() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    w.crashLooping(Color.green);

    assertThat(w.step("2.0.0").rollout().phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(w.last.rollout().message()).contains("crash-loop");
  }

  @Test
  void restartsDuringStabilizationAbort() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.step("2.0.0");
    w.ready(Color.green);
    w.step("2.0.0");
    w.restarted(Color.green);

    assertThat(w.step("2.0.0").rollout().phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(w.last.rollout().message()).contains("restarted during stabilizing");
  }

  @Test
  void unreadyPodDuringChecksGoesBackToProgressing() {
    World w = new World();
    w.toChecking();
    w.unready(Color.green);

    assertThat(w.step("2.0.0", new CheckResult(true, "ok"), null, false).rollout().phase())
        .isEqualTo(RolloutPhase.Progressing);
  }

  @Test
  void failedPrePromotionChecksAbort() {
    World w = new World();
    w.toChecking();
    for (int i = 0; i < 3; i++) {
      w.later(w.settings.checkInterval());
      w.step("2.0.0", new CheckResult(false, "http://preview answered HTTP 503"), null, false);
    }

    assertThat(w.phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(w.last.rollout().message()).contains("HTTP 503");
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    World w = new World();
    w.toChecking();
    w.step("2.0.0", new CheckResult(false, "503"), null, false);
    w.step("2.0.0", new CheckResult(false, "503"), null, false);
    w.step("2.0.0", new CheckResult(true, "ok"), null, false);
    w.step("2.0.0", new CheckResult(false, "503"), null, false);

    assertThat(w.phase()).isEqualTo(RolloutPhase.Checking);
    assertThat(w.last.rollout().consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void manualPromotionWaitsPausedUntilThePromoteAnnotationNamesTheRevision() {
    World w = new World();
    w.settings = MANUAL;
    w.toChecking();
    w.passChecks();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(w.last.rollout().message())
        .contains("kubectl annotate te/desk trading.alphintra.io/promote=2");

    w.step("2.0.0", null, "1", false);
    assertThat(w.phase())
        .as("an older revision's annotation does not promote")
        .isEqualTo(RolloutPhase.Paused);
    w.step("2.0.0", null, "2", false);
    assertThat(w.phase()).isEqualTo(RolloutPhase.Promoted);
    assertThat(w.last.activeColor()).isEqualTo(Color.green);
  }

  @Test
  void abortAnnotationAbortsAnyPrePromotionPhase() {
    World w = new World();
    w.toChecking();
    var d = w.step("2.0.0", null, null, true);

    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(d.abortHandled()).as("removed once this step's status is written").isTrue();
    assertThat(d.activeColor()).isEqualTo(Color.blue);
    assertThat(d.rollout().message()).contains("annotation");
    assertThat(w.step("2.0.0", null, null, true).abortHandled())
        .as("a removal that failed is asked again")
        .isTrue();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Aborted);
  }

  @Test
  void eachServiceKeepsItsOwnCountSoOneServicesAutoscalerIsNeverFoughtWithAnothersCount() {
    World w = new World();
    w.plan =
        Map.of(PlatformService.AUTH_SERVICE, 2); // trading-api autoscales, auth-service does not
    w.live = Map.of(PlatformService.AUTH_SERVICE, 2, PlatformService.TRADING_API, 5);
    w.fresh = w.live;
    w.ready(Color.blue);
    w.step("1.0.0");
    var d = w.step("2.0.0");

    assertThat(d.stacks())
        .containsExactly(
            new Stack(Color.blue, "1.0.0", Map.of(PlatformService.AUTH_SERVICE, 2), true),
            new Stack(
                Color.green,
                "2.0.0",
                Map.of(PlatformService.AUTH_SERVICE, 2, PlatformService.TRADING_API, 5),
                false));
    assertThat(d.rollout().serviceReplicas())
        .containsExactlyInAnyOrderEntriesOf(Map.of("auth-service", 2, "trading-api", 5));
  }

  @Test
  void promotionWaitsUntilTheNewColorRunsWhatTheAutoscalerRaisedTheLiveColorTo() {
    World w = new World();
    w.plan = Map.of();
    w.toChecking();
    w.live = Stack.everyService(5); // the HPA scaled blue up while green was being checked

    w.passChecks();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Checking);
    assertThat(w.last.activeColor())
        .as("no switch onto fewer pods than serve now")
        .isEqualTo(Color.blue);
    assertThat(w.last.stacks())
        .contains(new Stack(Color.green, "2.0.0", Stack.everyService(5), false));
    assertThat(w.last.rollout().message()).contains("before promotion");

    w.observed.put(
        Color.green,
        new ColorObservation(
            Color.green,
            true,
            10,
            10,
            10,
            10,
            true,
            0,
            false,
            Stack.everyService(5),
            Stack.everyService(5)));
    w.passChecks();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Promoted);
    assertThat(w.last.activeColor()).isEqualTo(Color.green);
  }

  @Test
  void aRollbackFirstScalesThePreviousColorToWhatTheLiveColorRunsNow() {
    World w = new World();
    w.plan = Map.of();
    w.toChecking();
    w.passChecks();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Promoted);
    w.live = Stack.everyService(6); // green, now live, was scaled up by its HPA
    for (int i = 0; i < 3; i++) {
      w.later(w.settings.postInterval());
      w.step("2.0.0", new CheckResult(false, "active answered HTTP 500"), null, false);
    }
    assertThat(w.last.activeColor()).isEqualTo(Color.green);
    assertThat(w.last.stacks())
        .contains(new Stack(Color.blue, "1.0.0", Stack.everyService(6), false));

    w.observed.put(
        Color.blue,
        new ColorObservation(
            Color.blue,
            true,
            12,
            12,
            12,
            12,
            true,
            0,
            false,
            Stack.everyService(6),
            Stack.everyService(6)));
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);
  }

  @Test
  void aLeftoverAbortAnnotationNeverAbortsTheNextRevision() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    w.toChecking();
    w.step("2.0.0", null, null, true);
    assertThat(w.phase()).isEqualTo(RolloutPhase.Aborted);

    // The removal failed, and the user already asks for the next version.
    var d = w.step("3.0.0", null, null, true);
    assertThat(d.rollout().revision())
        .as("no revision starts while the annotation is there")
        .isEqualTo(2);
    assertThat(d.transitions()).isEmpty();
    assertThat(d.abortHandled()).isTrue();

    d = w.step("3.0.0");
    assertThat(d.rollout().revision()).isEqualTo(3);
    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Progressing);
  }

  @Test
  void anAbortArrivingWithANewVersionAbortsWhatWasInFlightAndStartsNothing() {
    World w = new World();
    w.toChecking();
    var d = w.step("3.0.0", null, null, true);

    assertThat(d.rollout().revision()).isEqualTo(2);
    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(d.transitions())
        .extracting(RolloutTransition::reason)
        .containsExactly("RolloutAborted");
  }

  @Test
  void manualPromotionGoesOnlyOntoPodsThatAreReadyNowAndHaveNotRestarted() {
    World w = new World();
    w.settings = MANUAL;
    w.toChecking();
    w.passChecks();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Paused);

    w.unready(Color.green);
    w.step("2.0.0", null, "2", false);
    assertThat(w.phase())
        .as("an unready pod sends it back to Progressing")
        .isEqualTo(RolloutPhase.Progressing);
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);

    World restarted = new World();
    restarted.settings = MANUAL;
    restarted.toChecking();
    restarted.passChecks();
    restarted.restarted(Color.green);
    restarted.step("2.0.0", null, "2", false);
    assertThat(restarted.phase()).isEqualTo(RolloutPhase.Aborted);
    assertThat(restarted.last.activeColor()).isEqualTo(Color.blue);
  }

  @Test
  void aRollbackWaitsForThePreviousColorToBeReadyAndKeepsTheWindowOpen() {
    World w = new World();
    w.toChecking();
    w.passChecks();
    w.unready(Color.blue);
    for (int i = 0; i < 3; i++) {
      w.later(w.settings.postInterval());
      w.step("2.0.0", new CheckResult(false, "active answered HTTP 500"), null, false);
    }
    assertThat(w.phase()).isEqualTo(RolloutPhase.Promoted);
    assertThat(w.last.activeColor()).as("never onto unready pods").isEqualTo(Color.green);
    assertThat(w.last.rollout().message()).contains("Rolling back to blue").contains("(2/4 ready)");

    w.later(w.settings.postWindow());
    w.step("2.0.0");
    assertThat(w.phase())
        .as("a failed release is not completed while its rollback waits")
        .isEqualTo(RolloutPhase.Promoted);

    w.ready(Color.blue);
    w.step("2.0.0");
    assertThat(w.phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);
  }

  @Test
  void anAbortAfterPromotionWaitsForThePreviousColorAndKeepsTheAnnotationUntilThen() {
    World w = new World();
    w.toChecking();
    w.passChecks();
    w.crashLooping(Color.blue);

    var d = w.step("2.0.0", null, null, true);
    assertThat(d.activeColor()).isEqualTo(Color.green);
    assertThat(d.abortHandled()).isFalse();

    w.ready(Color.blue);
    d = w.step("2.0.0", null, null, true);
    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(d.abortHandled()).isTrue();
  }

  @Test
  void failedPostPromotionChecksSwitchBackAutomatically() {
    World w = new World();
    w.toChecking();
    w.passChecks();
    for (int i = 0; i < 3; i++) {
      w.later(w.settings.postInterval());
      w.step("2.0.0", new CheckResult(false, "active answered HTTP 500"), null, false);
    }

    assertThat(w.phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);
    assertThat(w.last.activeVersion()).isEqualTo("1.0.0");
    assertThat(w.last.history().get(0).outcome()).isEqualTo(RolloutOutcome.RolledBack);
    assertThat(w.last.stacks())
        .contains(new Stack(Color.green, "2.0.0", Stack.everyService(0), false));
  }

  @Test
  void abortAnnotationAfterPromotionSwitchesBack() {
    World w = new World();
    w.toChecking();
    w.passChecks();

    assertThat(w.step("2.0.0", null, null, true).rollout().phase())
        .isEqualTo(RolloutPhase.RolledBack);
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);
  }

  @Test
  void postPromotionWindowCompletesAndTheOldColorScalesDownAfterTheDelay() {
    World w = new World();
    w.toChecking();
    w.passChecks();
    w.later(w.settings.postWindow());
    var completed = w.step("2.0.0", new CheckResult(true, "ok"), null, false);

    assertThat(completed.rollout().phase()).isEqualTo(RolloutPhase.Completed);
    assertThat(completed.stacks())
        .contains(new Stack(Color.blue, "1.0.0", Stack.everyService(2), false));
    assertThat(completed.history().get(0).outcome()).isEqualTo(RolloutOutcome.Promoted);
    w.later(w.settings.scaleDownDelay());
    assertThat(w.step("2.0.0").stacks())
        .contains(new Stack(Color.blue, "1.0.0", Stack.everyService(0), false));
  }

  @Test
  void settingTheVersionBackWhileTheOldColorRunsSwitchesInstantly() {
    World w = new World();
    w.toChecking();
    w.passChecks();
    w.later(w.settings.postWindow());
    w.step("2.0.0", new CheckResult(true, "ok"), null, false);
    w.later(Duration.ofSeconds(10));
    var d = w.step("1.0.0");

    assertThat(d.activeColor()).isEqualTo(Color.blue);
    assertThat(d.activeVersion()).isEqualTo("1.0.0");
    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Completed);
    assertThat(d.transitions())
        .extracting(RolloutTransition::reason)
        .containsExactly("FastRollback");
  }

  @Test
  void afterScaleDownSettingTheVersionBackIsANormalRollout() {
    World w = new World();
    w.toChecking();
    w.passChecks();
    w.later(w.settings.postWindow());
    w.step("2.0.0", new CheckResult(true, "ok"), null, false);
    w.later(w.settings.scaleDownDelay());
    w.observed.put(
        Color.blue,
        new ColorObservation(
            Color.blue,
            true,
            0,
            0,
            0,
            0,
            true,
            0,
            false,
            Stack.everyService(0),
            Stack.everyService(0)));

    var d = w.step("1.0.0");
    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(d.rollout().toColor()).isEqualTo(Color.blue);
  }

  @Test
  void newVersionBeforePromotionSupersedesTheRolloutOnTheSameColor() {
    World w = new World();
    w.toChecking();
    var d = w.step("3.0.0");

    assertThat(d.rollout().phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(d.rollout().toColor()).isEqualTo(Color.green);
    assertThat(d.rollout().toVersion()).isEqualTo("3.0.0");
    assertThat(d.history().get(0).outcome()).isEqualTo(RolloutOutcome.Superseded);
  }

  @Test
  void abortedRolloutStaysAbortedUntilTheSpecChangesAndRecoversWhenSetBack() {
    World w = new World();
    w.toChecking();
    w.step("2.0.0", null, null, true);
    assertThat(w.step("2.0.0").rollout().phase()).isEqualTo(RolloutPhase.Aborted);

    var recovered = w.step("1.0.0");
    assertThat(recovered.rollout().phase()).isEqualTo(RolloutPhase.Completed);
    assertThat(recovered.transitions())
        .extracting(RolloutTransition::reason)
        .containsExactly("RolloutRecovered");
  }

  @Test
  void replicasOfTheLiveStackAreFrozenDuringARollout() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    var started =
        BlueGreenRollout.next(
            new RolloutInput(
                "desk",
                "2.0.0",
                AUTO,
                w.status,
                EACH_2,
                EACH_2,
                EACH_2,
                w.observed,
                w.selects,
                null,
                null,
                false,
                T0));
    var status =
        new TradingEnvironmentStatus(
            1L,
            null,
            null,
            started.activeColor(),
            started.activeVersion(),
            null,
            null,
            started.rollout(),
            started.history());
    var scaled =
        BlueGreenRollout.next(
            new RolloutInput(
                "desk",
                "2.0.0",
                AUTO,
                status,
                Stack.everyService(7),
                EACH_2,
                Stack.everyService(7),
                w.observed,
                w.selects,
                null,
                null,
                false,
                T0.plusSeconds(1)));

    assertThat(scaled.stacks())
        .containsExactly(
            new Stack(Color.blue, "1.0.0", Stack.everyService(2), true),
            new Stack(Color.green, "2.0.0", Stack.everyService(2), false));
  }

  @Test
  void autoscaledLiveStackLeavesTheCountToTheAutoscaler() {
    var d =
        BlueGreenRollout.next(
            new RolloutInput(
                "desk",
                "1.0.0",
                AUTO,
                null,
                Map.of(),
                Map.of(),
                Stack.everyService(3),
                Map.of(),
                null,
                null,
                null,
                false,
                T0));
    assertThat(d.stacks()).containsExactly(new Stack(Color.blue, "1.0.0", Map.of(), true));
  }

  @Test
  void historyIsBounded() {
    World w = new World();
    w.ready(Color.blue);
    w.step("1.0.0");
    for (int i = 2; i < 20; i++) {
      w.step(i + ".0.0");
    }
    assertThat(w.last.history()).hasSize(BlueGreenRollout.HISTORY_LIMIT);
    assertThat(w.last.history().get(0).outcome()).isEqualTo(RolloutOutcome.Superseded);
  }

  @Test
  void noCheckIsDueOutsideCheckingAndPromotedOrBeforeTheInterval() {
    World w = new World();
    w.toChecking();
    w.step("2.0.0", new CheckResult(true, "ok"), null, false);
    assertThat(BlueGreenRollout.checkDue(w.status, w.settings, w.now)).isEmpty();
    assertThat(
            BlueGreenRollout.checkDue(w.status, w.settings, w.now.plus(w.settings.checkInterval())))
        .contains(Color.green);
  }

  @Test
  void aPromotionWhoseSwitchWasLostWatchesTheNewColorForAWholeWindowOnceTheServicesSelectIt() {
    World w = new World();
    // The operator writes Promoted, then is killed before it switches the active Services.
    w.promotedWithTheSwitchLost();
    assertThat(w.phase()).isEqualTo(RolloutPhase.Promoted);
    assertThat(w.selects).as("still the old color").isEqualTo(Color.blue);
    Instant recordedPromotion = Instant.parse(w.last.rollout().promotedAt());

    // It restarts after the window has passed: a check through the active Services would reach
    // blue, so it neither counts it nor completes; the window starts again from now.
    w.later(w.settings.postWindow().plusSeconds(5));
    var restarted = w.step("2.0.0", new CheckResult(true, "blue answered"), null, false);
    assertThat(restarted.rollout().phase()).isEqualTo(RolloutPhase.Promoted);
    assertThat(restarted.rollout().message()).contains("Switching the active Services to green");
    assertThat(Instant.parse(restarted.rollout().promotedAt())).isAfter(recordedPromotion);
    assertThat(restarted.activeColor()).as("acting switches them now").isEqualTo(Color.green);

    w.switchLost = false;
    w.step("2.0.0"); // acts: the Services switch to green
    w.later(w.settings.postInterval());
    w.step("2.0.0", new CheckResult(true, "green answered"), null, false);
    assertThat(w.phase()).as("the window is not over").isEqualTo(RolloutPhase.Promoted);
    assertThat(w.last.rollout().consecutiveSuccesses()).isEqualTo(1);

    w.later(w.settings.postWindow());
    w.step("2.0.0", new CheckResult(true, "green answered"), null, false);
    assertThat(w.phase()).isEqualTo(RolloutPhase.Completed);
  }

  @Test
  void aFailingNewColorIsRolledBackAfterARestartThatLostTheSwitch() {
    World w = new World();
    w.promotedWithTheSwitchLost();
    w.later(w.settings.postWindow().plusSeconds(5));
    w.step("2.0.0");
    w.switchLost = false;
    w.step("2.0.0");
    for (int i = 0; i < w.settings.postFailureThreshold(); i++) {
      w.later(w.settings.postInterval());
      w.step("2.0.0", new CheckResult(false, "active answered HTTP 500"), null, false);
    }
    assertThat(w.phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(w.last.activeColor()).isEqualTo(Color.blue);
  }
}
