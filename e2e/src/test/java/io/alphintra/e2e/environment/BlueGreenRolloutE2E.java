package io.alphintra.e2e.environment;

import static io.alphintra.e2e.environment.StagingEnvironment.ACTIVE_SERVICES;
import static io.alphintra.e2e.environment.StagingEnvironment.PREVIEW_SERVICES;
import static io.alphintra.e2e.environment.StagingEnvironment.ROLLOUT_TIMEOUT;
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
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blue-green rollouts of a Staging environment on a whole cluster. The operator runs in-process;
 * its health checks reach a local HTTP server ({@link FakeServiceEndpoints}) that plays the pods
 * behind every Service.
 */
class BlueGreenRolloutE2E extends OnStagingEnvironment {
  @BeforeEach
  void startOperator() {
    startInProcessOperator("bluegreen");
  }

  @Test
  void newVersionIsDeployedOnGreenCheckedThroughPreviewAndPromotedOnlyOnceReady() throws Exception {
    String ns = namespace.name();
    endpoints.answer((n, service) -> 200);
    te.apply("1.0.0", Settings.shortRollout());
    te.awaitLive(Color.blue, "1.0.0");

    try (var sampler =
        new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      await()
          .atMost(ROLLOUT_TIMEOUT)
          .untilAsserted(
              () -> {
                TradingEnvironmentStatus status = te.status();
                assertThat(status.activeColor()).isEqualTo(Color.green);
                assertThat(status.activeVersion()).isEqualTo("1.1.0");
                assertThat(status.rollout().revision()).isEqualTo(2L);
                assertThat(status.rollout().phase()).isEqualTo(RolloutPhase.Completed);
                assertThat(status.phase()).isEqualTo(EnvironmentPhase.Ready);
              });
      te.awaitSelected("green");
      sampler.close();

      assertThat(te.status().history())
          .first()
          .satisfies(
              record -> {
                assertThat(record.revision()).isEqualTo(2L);
                assertThat(record.outcome()).isEqualTo(RolloutOutcome.Promoted);
              });
      for (String service : ACTIVE_SERVICES) {
        assertThat(te.selectedColor(service))
            .as("active selector of " + service)
            .isEqualTo("green");
        assertThat(te.image(service + "-green")).endsWith(":1.1.0");
        assertThat(te.image(service + "-blue"))
            .as("blue keeps the old version until it scales down")
            .endsWith(":1.0.0");
      }
      for (String preview : PREVIEW_SERVICES) {
        assertThat(endpoints.requests(ns, preview))
            .as("pre-promotion checks through " + preview)
            .isGreaterThanOrEqualTo(2);
      }
      assertThat(endpoints.requests(ns, ACTIVE_SERVICES.get(0)))
          .as("post-promotion checks")
          .isPositive();
      assertThat(te.events("RolloutAborted")).isEmpty();

      // The samples are read once they cover the switch (a sample is a few GETs on a busy cluster).
      sampler.awaitSeen("green", Duration.ofSeconds(30));
      List<Sample> samples = sampler.samples();
      assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(20);
      assertThat(samples).extracting(Sample::color).contains("blue", "green");
      assertThat(samples)
          .as("the active selector never pointed at a color without all pods Ready")
          .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
    }
  }

  @Test
  void failingPreviewChecksAbortTheRolloutAndTheActiveSelectorNeverLeavesBlue() throws Exception {
    String ns = namespace.name();
    endpoints.answer((n, service) -> n.equals(ns) && service.endsWith("-preview") ? 503 : 200);
    te.apply("1.0.0", Settings.shortRollout());
    te.awaitLive(Color.blue, "1.0.0");

    try (var sampler =
        new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      te.setVersion("1.1.0");
      await()
          .atMost(ROLLOUT_TIMEOUT)
          .untilAsserted(
              () -> {
                TradingEnvironmentStatus status = te.status();
                assertThat(status.rollout().revision()).isEqualTo(2L);
                assertThat(status.rollout().phase()).isEqualTo(RolloutPhase.Aborted);
                Condition degraded = te.condition(Condition.DEGRADED);
                assertThat(degraded.holds()).isTrue();
                assertThat(degraded.reason()).isEqualTo("RolloutAborted");
                assertThat(degraded.message())
                    .contains("pre-promotion check failed")
                    .contains("1.1.0");
                assertThat(status.phase()).isEqualTo(EnvironmentPhase.Degraded);
              });
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
      assertThat(status.activeColor()).isEqualTo(Color.blue);
      assertThat(status.activeVersion()).isEqualTo("1.0.0");
      assertThat(status.history())
          .first()
          .satisfies(record -> assertThat(record.outcome()).isEqualTo(RolloutOutcome.Aborted));
      assertThat(endpoints.requests(ns, PREVIEW_SERVICES.get(0))).isGreaterThanOrEqualTo(3);
      assertThat(te.events("RolloutAborted")).isNotEmpty();

      List<Sample> samples = sampler.samples();
      assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(20);
      assertThat(samples)
          .as("the active selector stayed on blue, whose pods were Ready")
          .allSatisfy(
              sample -> {
                assertThat(sample.color()).as(sample.toString()).isEqualTo("blue");
                assertThat(sample.colorReady()).as(sample.toString()).isTrue();
              });
    }
  }

  /**
   * What kube-controller-manager's HPA controller does: it writes the live Deployment's scale
   * subresource. The operator must leave that count alone, and the new color keeps the count frozen
   * when the rollout started.
   */
  @Test
  void liveColorScaledThroughItsScaleSubresourceDuringARolloutIsNeitherUndoneNorCopied() {
    endpoints.answer((n, service) -> 200);
    te.apply("1.0.0", Settings.shortRollout().withAutoscaling().withManualPromotion());
    te.awaitLive(Color.blue, "1.0.0");
    te.setVersion("1.1.0");
    te.awaitPhase(RolloutPhase.Paused, 2L);
    for (String service : ACTIVE_SERVICES) {
      assertThat(te.replicas(service + "-green"))
          .as("green of " + service + " starts with blue's count")
          .isOne();
    }

    for (String service : ACTIVE_SERVICES) {
      cluster
          .client()
          .apps()
          .deployments()
          .inNamespace(namespace.name())
          .withName(service + "-blue")
          .scale(3);
    }
    te.annotate(
        "e2e.alphintra.io/touch",
        "1"); // a reconcile right after the scale, not only on the next resync
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (String service : ACTIVE_SERVICES) {
                assertThat(te.replicas(service + "-blue"))
                    .as("the operator leaves the live count of " + service + " to its autoscaler")
                    .isEqualTo(3);
                assertThat(te.replicas(service + "-green"))
                    .as("green of " + service + " keeps its frozen count")
                    .isOne();
                assertThat(te.deployment(service + "-blue").getStatus().getReadyReplicas())
                    .isEqualTo(3);
              }
            });
    TradingEnvironmentStatus status = te.status();
    assertThat(status.rollout().phase()).isEqualTo(RolloutPhase.Paused);
    for (String service : ACTIVE_SERVICES) {
      assertThat(te.selectedColor(service)).isEqualTo("blue");
      HorizontalPodAutoscaler hpa =
          cluster
              .client()
              .autoscaling()
              .v2()
              .horizontalPodAutoscalers()
              .inNamespace(namespace.name())
              .withName(service)
              .get();
      assertThat(hpa).as("HPA " + service).isNotNull();
      assertThat(hpa.getSpec().getScaleTargetRef().getName())
          .as("the HPA keeps targeting the live color")
          .isEqualTo(service + "-blue");
    }
  }
}
