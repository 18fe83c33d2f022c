package io.alphintra.e2e.environment;

import static io.alphintra.e2e.environment.StagingEnvironment.ACTIVE_SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.e2e.environment.ActiveSelectorSampler.Sample;
import io.alphintra.e2e.environment.StagingEnvironment.Settings;
import io.alphintra.operator.common.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator killed (SIGKILL, in a JVM of its own: {@link OperatorProcess}) and started again in
 * every phase of a blue-green rollout on a whole cluster; everything the rollout needs is in the
 * status, so it still completes.
 */
class OperatorRestartE2E extends OnStagingEnvironment {
  private static final List<RolloutPhase> KILLED_IN =
      List.of(
          RolloutPhase.Progressing,
          RolloutPhase.Stabilizing,
          RolloutPhase.Checking,
          RolloutPhase.Promoted);

  private Path kubeconfig;
  private Path log;
  private OperatorProcess operator;

  @BeforeEach
  void createNamespace() throws Exception {
    createNamespace("bg-restart");
    Path dir = Path.of("target", "operator-process", namespace.name());
    kubeconfig = OperatorProcess.kubeconfig(cluster, dir);
    log = dir.resolve("operator.log");
  }

  @AfterEach
  void stopOperator() throws Exception {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void rolloutCompletesWhenTheOperatorIsKilledAndRestartedInEveryPhase() throws Exception {
    endpoints.answer((n, service) -> 200);
    operator = startOperator();
    // Long enough phases that each is still current when the test sees it; the post window outlasts
    // a restart.
    te.apply(
        "1.0.0",
        Settings.shortRollout()
            .withStabilization(4)
            .withSuccessThreshold(3)
            .withPostPromotion(6, 3));
    te.awaitLive(Color.blue, "1.0.0");

    List<String> kills = new ArrayList<>();
    // Green stays unready until released, so that the first kill surely happens while Progressing.
    var green =
        UnreadyColor.ahead(
            cluster.client(), namespace.name(), ACTIVE_SERVICES, Color.blue, Color.green);
    try (var sampler =
        new ActiveSelectorSampler(
            cluster.client(), namespace.name(), ACTIVE_SERVICES, Labels.COLOR)) {
      long start = System.nanoTime();
      te.setVersion("1.1.0");
      for (RolloutPhase phase : KILLED_IN) {
        te.awaitPhase(phase, 2L);
        operator.kill();
        kills.add(phase + " at " + (System.nanoTime() - start) / 1_000_000 + " ms");
        operator = startOperator();
        if (phase == RolloutPhase.Progressing) {
          green.release();
        }
      }
      te.awaitPhase(RolloutPhase.Completed, 2L);
      // The samples are read once they cover the switch (a sample is a few GETs on a busy cluster).
      sampler.awaitSeen("green", Duration.ofSeconds(30));
      System.out.println(
          "operator killed in "
              + kills
              + "; rollout completed after "
              + (System.nanoTime() - start) / 1_000_000
              + " ms");
      sampler.close();

      assertThat(kills).as("SIGKILLs, one per phase").hasSize(KILLED_IN.size());
      TradingEnvironmentStatus status = te.status();
      assertThat(status.phase()).isEqualTo(EnvironmentPhase.Ready);
      assertThat(status.activeColor()).isEqualTo(Color.green);
      assertThat(status.activeVersion()).isEqualTo("1.1.0");
      assertThat(status.history())
          .as("revision 2 finished once, as promoted")
          .filteredOn(record -> record.revision() == 2L)
          .singleElement()
          .satisfies(record -> assertThat(record.outcome()).isEqualTo(RolloutOutcome.Promoted));
      te.awaitSelected("green");
      for (String service : ACTIVE_SERVICES) {
        assertThat(te.image(service + "-green")).endsWith(":1.1.0");
      }
      assertThat(
              cluster.client().apps().deployments().inNamespace(namespace.name()).list().getItems())
          .as("one Deployment per service and color")
          .hasSize(4);
      assertThat(te.events("RolloutAborted")).isEmpty();
      assertThat(te.events("RolledBack")).isEmpty();

      List<Sample> samples = sampler.samples();
      assertThat(samples).extracting(Sample::color).contains("blue", "green");
      assertThat(samples)
          .as("the active selector never pointed at a color without all pods Ready")
          .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
    } catch (AssertionError | RuntimeException e) {
      System.out.println("operator killed in " + kills + "; its log ends with:");
      OperatorProcess.tail(log, 60).forEach(System.out::println);
      throw e;
    }
  }

  private OperatorProcess startOperator() throws Exception {
    return OperatorProcess.start(cluster, kubeconfig, namespace.name(), endpoints, log);
  }
}
