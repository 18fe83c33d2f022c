package io.alphintra.e2e.environment;

import static io.alphintra.e2e.environment.StagingEnvironment.ACTIVE_SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.e2e.environment.ActiveSelectorSampler.Sample;
import io.alphintra.e2e.environment.StagingEnvironment.Settings;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blue-green releases that fail on a whole cluster: new pods that never become Ready (before
 * promotion) and a release whose health checks fail once it serves (after promotion). The operator
 * runs in-process.
 */
class BlueGreenFailuresE2E extends OnStagingEnvironment {
  @BeforeEach
  void startOperator() {
    startInProcessOperator("bg-failures");
  }

  @Test
  void newPodsThatNeverBecomeReadyAbortTheRolloutAtTheProgressDeadline() throws Exception {
    String ns = namespace.name();
    endpoints.answer((n, service) -> 200);
    te.apply("1.0.0", Settings.shortRollout().withProgressDeadline(30));
    te.awaitLive(Color.blue, "1.0.0");

    UnreadyColor.ahead(cluster.client(), ns, ACTIVE_SERVICES, Color.blue, Color.green);

    try (var sampler =
        new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      te.awaitPhase(RolloutPhase.Progressing, 2L, Duration.ofSeconds(30));
      await()
          .during(Duration.ofSeconds(15))
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(te.status().rollout().phase()).isEqualTo(RolloutPhase.Progressing);
                for (String service : ACTIVE_SERVICES) {
                  var green = te.deployment(service + "-green");
                  assertThat(green.getSpec().getTemplate().getMetadata().getAnnotations())
                      .as("the operator's apply leaves the annotation it does not own")
                      .containsEntry(UnreadyColor.FAKE_READY, "false");
                  assertThat(Optional.ofNullable(green.getStatus().getReadyReplicas()).orElse(0))
                      .as("Ready pods of " + service + "-green")
                      .isZero();
                }
              });
      te.awaitPhase(RolloutPhase.Aborted, 2L, Duration.ofSeconds(60));
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () -> {
                for (String service : ACTIVE_SERVICES) {
                  assertThat(te.replicas(service + "-green"))
                      .as("green of " + service + " scaled to zero")
                      .isZero();
                }
              });
      sampler.close();

      TradingEnvironmentStatus status = te.status();
      Condition degraded = te.condition(Condition.DEGRADED);
      assertThat(degraded.holds()).isTrue();
      assertThat(degraded.reason()).isEqualTo("RolloutAborted");
      assertThat(degraded.message()).contains("were not Ready within progressDeadlineSeconds=30");
      assertThat(status.phase()).isEqualTo(EnvironmentPhase.Degraded);
      assertThat(status.activeColor()).isEqualTo(Color.blue);
      assertThat(status.activeVersion()).isEqualTo("1.0.0");
      assertThat(status.history())
          .first()
          .satisfies(record -> assertThat(record.outcome()).isEqualTo(RolloutOutcome.Aborted));
      assertThat(endpoints.requests(ns, StagingEnvironment.PREVIEW_SERVICES.get(0)))
          .as("no checks of pods that never became Ready")
          .isZero();

      List<Sample> samples = sampler.samples();
      assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(100);
      assertThat(samples)
          .as("the active selector stayed on blue, whose pods were all Ready")
          .allSatisfy(
              sample -> {
                assertThat(sample.color()).as(sample.toString()).isEqualTo("blue");
                assertThat(sample.colorReady()).as(sample.toString()).isTrue();
              });
    }
  }

  /**
   * The new color's pod template changes while it stabilizes (as a ConfigMap or Secret change does,
   * applied to both colors in place) and the new pods never become Ready. With {@code
   * maxUnavailable: 0} the Deployment keeps the Ready pod of the previous template, so its {@code
   * readyReplicas} and {@code updatedReplicas} both reach {@code replicas} while only {@code
   * status.replicas} (two pods) shows the rollout is not done.
   */
  @Test
  void newPodsOfAChangedTemplateThatNeverBecomeReadyAreNotMistakenForTheReadyOldOnes()
      throws Exception {
    String ns = namespace.name();
    endpoints.answer((n, service) -> 200);
    te.apply("1.0.0", Settings.shortRollout().withStabilization(10).withProgressDeadline(30));
    te.awaitLive(Color.blue, "1.0.0");

    try (var sampler =
        new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      te.awaitPhase(RolloutPhase.Stabilizing, 2L);
      for (String service : ACTIVE_SERVICES) {
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName(service + "-green")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\""
                    + UnreadyColor.FAKE_READY
                    + "\":\"false\"}}}}}");
      }

      te.awaitPhase(RolloutPhase.Aborted, 2L, Duration.ofSeconds(60));
      sampler.close();
      assertThat(te.condition(Condition.DEGRADED).message()).contains("progressDeadlineSeconds=30");
      assertThat(sampler.samples())
          .as("the active selector never pointed at a color without all pods Ready")
          .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
    }
  }

  @Test
  void failingPostPromotionChecksSwitchTheActiveServicesBackToBlue() throws Exception {
    String ns = namespace.name();
    // Only promoted pods are checked through the active Services: fail those, pass the preview
    // checks.
    endpoints.answer((n, service) -> n.equals(ns) && ACTIVE_SERVICES.contains(service) ? 500 : 200);
    te.apply("1.0.0", Settings.shortRollout().withPostPromotion(30, 2));
    te.awaitLive(Color.blue, "1.0.0");

    try (var sampler =
        new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      te.awaitPhase(RolloutPhase.RolledBack, 2L);
      te.awaitSelected("blue");
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () -> {
                for (String service : ACTIVE_SERVICES) {
                  assertThat(te.replicas(service + "-green"))
                      .as("green of " + service + " scaled to zero")
                      .isZero();
                }
              });
      sampler.close();

      TradingEnvironmentStatus status = te.status();
      Condition degraded = te.condition(Condition.DEGRADED);
      assertThat(degraded.holds()).isTrue();
      assertThat(degraded.reason()).isEqualTo("RolledBack");
      assertThat(degraded.message())
          .contains("post-promotion check failed 2 times in a row")
          .contains("set spec.version back to 1.0.0");
      assertThat(status.activeColor()).isEqualTo(Color.blue);
      assertThat(status.activeVersion()).isEqualTo("1.0.0");
      assertThat(status.history())
          .first()
          .satisfies(record -> assertThat(record.outcome()).isEqualTo(RolloutOutcome.RolledBack));
      assertThat(endpoints.requests(ns, ACTIVE_SERVICES.get(0)))
          .as("post-promotion checks")
          .isGreaterThanOrEqualTo(2);
      assertThat(te.events("RolledBack")).isNotEmpty();

      List<Sample> samples = sampler.samples();
      assertThat(samples)
          .extracting(Sample::color)
          .as("promoted, then switched back")
          .contains("green", "blue");
      assertThat(samples)
          .filteredOn(sample -> "blue".equals(sample.color()))
          .as("while the active selector pointed at blue, all its pods were Ready")
          .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
      // Only "some Ready pods" for green: the switch back applies green's scale-down before the
      // active Service, so a
      // sample can catch the Service still on green with spec.replicas=0 while its pod is still
      // Ready.
      assertThat(samples)
          .as("the active selector never pointed at a color without Ready pods")
          .allSatisfy(sample -> assertThat(sample.readyPods()).as(sample.toString()).isPositive());
    }
  }
}
