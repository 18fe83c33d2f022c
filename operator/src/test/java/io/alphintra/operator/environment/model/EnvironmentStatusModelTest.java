package io.alphintra.operator.environment.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Problem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentStatusModelTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private static Deployment deployment(String name, int desired, int ready) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withGeneration(2L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(desired)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReadyReplicas(ready)
        .withUpdatedReplicas(desired)
        .endStatus()
        .build();
  }

  private static StatefulSet database(int ready) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("desk-postgres")
        .endMetadata()
        .withNewStatus()
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  private static Map<PlatformService, Deployment> live(int ready) {
    Map<PlatformService, Deployment> live = new EnumMap<>(PlatformService.class);
    live.put(PlatformService.AUTH_SERVICE, deployment("desk-auth-service", 1, ready));
    live.put(PlatformService.TRADING_API, deployment("desk-trading-api", 1, ready));
    return live;
  }

  private static Condition condition(TradingEnvironmentStatus status, String type) {
    return Conditions.find(status.conditions(), type).orElseThrow();
  }

  @Test
  void readyWhenEveryServiceAndTheDatabaseHaveTheirPodsReady() {
    var in = Environments.inputs(Environments.of(Tier.Development), false);
    var status =
        EnvironmentStatusModel.status(
            in, null, live(1), database(1), null, Environments.view(in), T0);

    assertThat(status.phase()).isEqualTo(EnvironmentPhase.Ready);
    assertThat(condition(status, Condition.READY).status()).isEqualTo(ConditionStatus.True);
    assertThat(condition(status, Condition.DEGRADED).status()).isEqualTo(ConditionStatus.False);
    assertThat(condition(status, Condition.PROGRESSING).status()).isEqualTo(ConditionStatus.False);
    assertThat(status.observedGeneration()).isEqualTo(3L);
    assertThat(status.services()).extracting(s -> s.readyReplicas()).containsExactly(1, 1);
    assertThat(status.activeVersion()).isEqualTo("1.4.2");
  }

  @Test
  void progressingWhilePodsStartAndSaysWhichServiceWaits() {
    var in = Environments.inputs(Environments.of(Tier.Development), false);
    var status =
        EnvironmentStatusModel.status(
            in, null, live(0), database(1), null, Environments.view(in), T0);

    assertThat(status.phase()).isEqualTo(EnvironmentPhase.Progressing);
    assertThat(condition(status, Condition.READY).message())
        .contains("trading-api has 0/1 pods ready");
    assertThat(condition(status, Condition.PROGRESSING).status()).isEqualTo(ConditionStatus.True);
  }

  @Test
  void problemMakesItDegradedWithTheProblemsReason() {
    var in = Environments.inputs(Environments.of(Tier.Staging), false);
    var problem =
        new Problem(
            EnvironmentStatusModel.DATABASE_SECRET_MISSING, "Secret prod-db ... does not exist");
    var status =
        EnvironmentStatusModel.status(in, null, Map.of(), null, problem, Environments.view(in), T0);

    assertThat(status.phase()).isEqualTo(EnvironmentPhase.Degraded);
    assertThat(condition(status, Condition.READY).reason())
        .isEqualTo(EnvironmentStatusModel.DATABASE_SECRET_MISSING);
    assertThat(condition(status, Condition.DEGRADED).message()).contains("prod-db");
  }

  @Test
  void failedDeploymentDegradesWithTheDeploymentsReason() {
    var in = Environments.inputs(Environments.of(Tier.Development), false);
    var live = live(0);
    live.put(
        PlatformService.TRADING_API,
        new DeploymentBuilder(deployment("desk-trading-api", 1, 0))
            .editStatus()
            .addNewCondition()
            .withType("Progressing")
            .withStatus("False")
            .withReason("ProgressDeadlineExceeded")
            .withMessage("ReplicaSet has timed out progressing.")
            .endCondition()
            .endStatus()
            .build());
    var status =
        EnvironmentStatusModel.status(in, null, live, database(1), null, Environments.view(in), T0);

    assertThat(status.phase()).isEqualTo(EnvironmentPhase.Degraded);
    assertThat(condition(status, Condition.DEGRADED).message())
        .contains("ProgressDeadlineExceeded");
  }

  @Test
  void unchangedObservationsGiveAnEqualStatusAndKeepTransitionTimes() {
    var in = Environments.inputs(Environments.of(Tier.Development), false);
    var first =
        EnvironmentStatusModel.status(
            in, null, live(1), database(1), null, Environments.view(in), T0);
    var second =
        EnvironmentStatusModel.status(
            in, first, live(1), database(1), null, Environments.view(in), T0.plusSeconds(60));

    assertThat(second).isEqualTo(first);
    var flipped =
        EnvironmentStatusModel.status(
            in, second, live(0), database(1), null, Environments.view(in), T0.plusSeconds(120));
    assertThat(condition(flipped, Condition.READY).lastTransitionTime())
        .isEqualTo(T0.plusSeconds(120).toString());
    assertThat(condition(flipped, Condition.DEGRADED).lastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void pausedEnvironmentsSayHowToResume() {
    var base = Environments.of(Tier.Development);
    var spec = base.getSpec();
    var paused =
        Environments.of(
            new io.alphintra.api.v1alpha1.TradingEnvironmentSpec(
                spec.tier(), spec.version(), null, null, spec.database(), null, null, null, true));
    var in = Environments.inputs(paused, false);
    var status =
        EnvironmentStatusModel.status(
            in, null, live(1), database(1), null, Environments.view(in), T0);

    assertThat(status.phase()).isEqualTo(EnvironmentPhase.Paused);
    assertThat(condition(status, Condition.PAUSED).message()).contains("set it to false");
  }

  @Test
  void missingCustomMetricsApiIsAWarningConditionForProduction() {
    var in = Environments.inputs(Environments.of(Tier.Production), false);
    var status =
        EnvironmentStatusModel.status(in, null, Map.of(), null, null, Environments.view(in), T0);

    assertThat(condition(status, EnvironmentStatusModel.REQUEST_RATE_AUTOSCALING).message())
        .contains("custom.metrics.k8s.io");
  }
}
