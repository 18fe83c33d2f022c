package io.alphintra.e2e.environment;

import static io.alphintra.e2e.environment.StagingEnvironment.ACTIVE_SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.e2e.environment.ActiveSelectorSampler.Sample;
import io.alphintra.e2e.environment.StagingEnvironment.Settings;
import io.alphintra.operator.common.Labels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a person does to a blue-green rollout on a whole cluster: promote a paused rollout, abort
 * one, and set the version back after promotion (fast rollback). The operator runs in-process, its
 * checks always pass.
 */
class BlueGreenCommandsE2E extends OnStagingEnvironment {
  @BeforeEach
  void startOperator() {
    startInProcessOperator("bg-commands");
  }

  @Test
  void manualPromotionWaitsInPausedUntilThePromoteAnnotationNamesTheRevision() throws Exception {
    te.apply("1.0.0", Settings.shortRollout().withManualPromotion());
    te.awaitLive(Color.blue, "1.0.0");

    try (var sampler =
        new ActiveSelectorSampler(
            cluster.client(), namespace.name(), ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      te.awaitPhase(RolloutPhase.Paused, 2L);
      Condition paused = te.condition(Condition.PAUSED);
      assertThat(paused.holds()).isTrue();
      assertThat(paused.reason()).isEqualTo("AwaitingPromotion");
      assertThat(paused.message())
          .contains("kubectl annotate te/staging trading.alphintra.io/promote=2");
      assertThat(te.status().phase()).isEqualTo(EnvironmentPhase.Paused);

      te.annotate(Api.PROMOTE_ANNOTATION, "1"); // an older revision promotes nothing
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(te.status().rollout().phase()).isEqualTo(RolloutPhase.Paused);
                for (String service : ACTIVE_SERVICES) {
                  assertThat(te.selectedColor(service)).isEqualTo("blue");
                }
              });

      te.annotate(Api.PROMOTE_ANNOTATION, "2");
      te.awaitPhase(RolloutPhase.Completed, 2L);
      sampler.close();

      TradingEnvironmentStatus status = te.status();
      assertThat(status.activeColor()).isEqualTo(Color.green);
      assertThat(status.activeVersion()).isEqualTo("1.1.0");
      assertThat(status.history())
          .first()
          .satisfies(record -> assertThat(record.outcome()).isEqualTo(RolloutOutcome.Promoted));
      te.awaitSelected("green");
      assertThat(te.events("Promoted"))
          .anySatisfy(
              e ->
                  assertThat(e.getMessage())
                      .contains("promoted by the annotation trading.alphintra.io/promote=2"));
      assertNeverUnready(sampler.samples());
    }
  }

  @Test
  void abortAnnotationAbortsScalesGreenToZeroAndIsRemovedWhileBlueKeepsServing() throws Exception {
    te.apply("1.0.0", Settings.shortRollout().withManualPromotion());
    te.awaitLive(Color.blue, "1.0.0");

    try (var sampler =
        new ActiveSelectorSampler(
            cluster.client(), namespace.name(), ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      te.awaitPhase(RolloutPhase.Paused, 2L);
      te.annotate(Api.ABORT_ANNOTATION, "true");

      te.awaitPhase(RolloutPhase.Aborted, 2L);
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () -> {
                for (String service : ACTIVE_SERVICES) {
                  assertThat(te.replicas(service + "-green"))
                      .as("green of " + service + " scaled to zero")
                      .isZero();
                }
                assertThat(te.annotations())
                    .as("the operator removes the abort annotation")
                    .doesNotContainKey(Api.ABORT_ANNOTATION);
              });
      sampler.close();

      TradingEnvironmentStatus status = te.status();
      Condition degraded = te.condition(Condition.DEGRADED);
      assertThat(degraded.holds()).isTrue();
      assertThat(degraded.reason()).isEqualTo("RolloutAborted");
      assertThat(degraded.message())
          .contains("aborted by the annotation trading.alphintra.io/abort")
          .contains("set spec.version back to 1.0.0");
      assertThat(status.activeColor()).isEqualTo(Color.blue);
      assertThat(status.activeVersion()).isEqualTo("1.0.0");
      assertThat(status.history())
          .first()
          .satisfies(record -> assertThat(record.outcome()).isEqualTo(RolloutOutcome.Aborted));
      List<Sample> samples = sampler.samples();
      assertThat(samples).extracting(Sample::color).containsOnly("blue");
      assertNeverUnready(samples);
    }
  }

  @Test
  void settingTheVersionBackWithinTheScaleDownDelaySwitchesBackToTheRunningColorAtOnce() {
    te.apply("1.0.0", Settings.shortRollout().withScaleDownDelay(600));
    te.awaitLive(Color.blue, "1.0.0");
    te.setVersion("1.1.0");
    te.awaitPhase(RolloutPhase.Completed, 2L);
    assertThat(te.status().activeColor()).isEqualTo(Color.green);

    long start = System.nanoTime();
    te.setVersion("1.0.0");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              for (String service : ACTIVE_SERVICES) {
                assertThat(te.selectedColor(service)).isEqualTo("blue");
              }
            });
    long switchedMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.println(
        "fast rollback: active Services back on blue "
            + switchedMillis
            + " ms after the version change");
    // Status is written first; the Services switch right after it, in the same reconciliation.
    te.awaitPhase(RolloutPhase.Completed, 3L, Duration.ofSeconds(10));

    TradingEnvironmentStatus status = te.status();
    assertThat(status.rollout().message()).contains("Fast rollback");
    assertThat(status.activeColor()).isEqualTo(Color.blue);
    assertThat(status.activeVersion()).isEqualTo("1.0.0");
    assertThat(te.events("FastRollback")).isNotEmpty();
    assertThat(te.events("RolloutStarted"))
        .as("no new pods were deployed for the rollback")
        .hasSize(1);
    for (String service : ACTIVE_SERVICES) {
      assertThat(te.image(service + "-blue")).endsWith(":1.0.0");
      assertThat(te.replicas(service + "-green"))
          .as("green stays up for the scale-down delay")
          .isOne();
    }
  }

  private static void assertNeverUnready(List<Sample> samples) {
    assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(20);
    assertThat(samples)
        .as("the active selector never pointed at a color without all pods Ready")
        .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
  }
}
