package io.alphintra.e2e.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.environment.ActiveSelectorSampler.Sample;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blue-green rollouts of a Staging environment on a whole cluster. The operator runs in-process; its health checks
 * reach a local HTTP server ({@link FakeServiceEndpoints}) that plays the pods behind every Service.
 */
@ExtendWith(ClusterExtension.class)
class BlueGreenRolloutE2E {
  private static final String TE = "staging";
  private static final List<String> ACTIVE_SERVICES = List.of(TE + "-auth-service", TE + "-trading-api");
  private static final List<String> PREVIEW_SERVICES = List.of(TE + "-auth-service-preview", TE + "-trading-api-preview");
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(3);

  private static Cluster cluster;
  private static FakeServiceEndpoints endpoints;
  private TestNamespace namespace;
  private OperatorMain operator;

  @RegisterExtension
  final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @BeforeAll
  static void installCrds(Cluster given) throws IOException {
    cluster = given;
    Platform.installCrds(cluster);
    endpoints = new FakeServiceEndpoints();
  }

  @AfterAll
  static void stopEndpoints() {
    if (endpoints != null) {
      endpoints.close();
    }
  }

  @BeforeEach
  void startOperator() {
    namespace = TestNamespace.create(cluster, "bluegreen");
    operator = Platform.startOperator(cluster, List.of(namespace.name()), endpoints, Map.of());
    cluster.client().secrets().inNamespace(namespace.name()).resource(new SecretBuilder()
        .withNewMetadata().withName("staging-db").endMetadata()
        .withStringData(Map.of("url", "jdbc:postgresql://db.example.invalid:5432/alphintra", "username", "alphintra",
            "password", "e2e-only"))
        .build()).create();
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
    namespace.close();
  }

  @Test
  void newVersionIsDeployedOnGreenCheckedThroughPreviewAndPromotedOnlyOnceReady() throws Exception {
    String ns = namespace.name();
    endpoints.answer((n, service) -> 200);
    applyEnvironment("1.0.0");
    awaitLive(Color.blue, "1.0.0");

    try (var sampler = new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      applyEnvironment("1.1.0");
      await().atMost(ROLLOUT_TIMEOUT).untilAsserted(() -> {
        TradingEnvironmentStatus status = status();
        assertThat(status.activeColor()).isEqualTo(Color.green);
        assertThat(status.activeVersion()).isEqualTo("1.1.0");
        assertThat(status.rollout().revision()).isEqualTo(2L);
        assertThat(status.rollout().phase()).isEqualTo(RolloutPhase.Completed);
        assertThat(status.phase()).isEqualTo(EnvironmentPhase.Ready);
      });
      sampler.close();

      assertThat(status().history()).first().satisfies(record -> {
        assertThat(record.revision()).isEqualTo(2L);
        assertThat(record.outcome()).isEqualTo(RolloutOutcome.Promoted);
      });
      for (String service : ACTIVE_SERVICES) {
        assertThat(selectedColor(service)).as("active selector of " + service).isEqualTo("green");
        assertThat(image(service + "-green")).endsWith(":1.1.0");
        assertThat(image(service + "-blue")).as("blue keeps the old version until it scales down").endsWith(":1.0.0");
      }
      for (String preview : PREVIEW_SERVICES) {
        assertThat(endpoints.requests(ns, preview)).as("pre-promotion checks through " + preview)
            .isGreaterThanOrEqualTo(2);
      }
      assertThat(endpoints.requests(ns, ACTIVE_SERVICES.get(0))).as("post-promotion checks").isPositive();
      assertNoEvent("RolloutAborted");

      List<Sample> samples = sampler.samples();
      assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(20);
      assertThat(samples).extracting(Sample::color).contains("blue", "green");
      assertThat(samples).as("the active selector never pointed at a color without all pods Ready")
          .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
    }
  }

  @Test
  void failingPreviewChecksAbortTheRolloutAndTheActiveSelectorNeverLeavesBlue() throws Exception {
    String ns = namespace.name();
    endpoints.answer((n, service) -> n.equals(ns) && service.endsWith("-preview") ? 503 : 200);
    applyEnvironment("1.0.0");
    awaitLive(Color.blue, "1.0.0");

    try (var sampler = new ActiveSelectorSampler(cluster.client(), ns, ACTIVE_SERVICES, Labels.COLOR)) {
      applyEnvironment("1.1.0");
      await().atMost(ROLLOUT_TIMEOUT).untilAsserted(() -> {
        TradingEnvironmentStatus status = status();
        assertThat(status.rollout().revision()).isEqualTo(2L);
        assertThat(status.rollout().phase()).isEqualTo(RolloutPhase.Aborted);
        Condition degraded = condition(status, Condition.DEGRADED);
        assertThat(degraded.holds()).isTrue();
        assertThat(degraded.reason()).isEqualTo("RolloutAborted");
        assertThat(degraded.message()).contains("pre-promotion check failed").contains("1.1.0");
        assertThat(status.phase()).isEqualTo(EnvironmentPhase.Degraded);
      });
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
        for (String service : ACTIVE_SERVICES) {
          assertThat(cluster.client().apps().deployments().inNamespace(ns).withName(service + "-green").get()
              .getSpec().getReplicas()).as("green of " + service + " scaled to zero").isZero();
        }
      });
      sampler.close();

      TradingEnvironmentStatus status = status();
      assertThat(status.activeColor()).isEqualTo(Color.blue);
      assertThat(status.activeVersion()).isEqualTo("1.0.0");
      assertThat(status.history()).first().satisfies(record -> assertThat(record.outcome())
          .isEqualTo(RolloutOutcome.Aborted));
      assertThat(endpoints.requests(ns, PREVIEW_SERVICES.get(0))).isGreaterThanOrEqualTo(3);
      assertEvent("RolloutAborted");

      List<Sample> samples = sampler.samples();
      assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(20);
      assertThat(samples).as("the active selector stayed on blue, whose pods were Ready")
          .allSatisfy(sample -> {
            assertThat(sample.color()).as(sample.toString()).isEqualTo("blue");
            assertThat(sample.colorReady()).as(sample.toString()).isTrue();
          });
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  /** Applies the Staging environment with short rollout settings, one pod per service and no autoscaling. */
  private void applyEnvironment(String version) {
    String yaml = """
        apiVersion: trading.alphintra.io/v1alpha1
        kind: TradingEnvironment
        metadata:
          name: %s
        spec:
          tier: Staging
          version: %s
          imageRegistry: registry.example.invalid/alphintra
          services:
            authService:
              replicas: 1
              autoscaling:
                enabled: false
            tradingApi:
              replicas: 1
              autoscaling:
                enabled: false
          database:
            secretRef:
              name: staging-db
          rollout:
            strategy: BlueGreen
            autoPromotion: true
            stabilizationSeconds: 2
            prePromotion:
              intervalSeconds: 1
              timeoutSeconds: 1
              successThreshold: 2
            postPromotion:
              windowSeconds: 3
              intervalSeconds: 1
            progressDeadlineSeconds: 60
            scaleDownDelaySeconds: 30
        """.formatted(TE, version);
    KubernetesClient client = cluster.client();
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).inNamespace(namespace.name())
        .fieldManager(Platform.FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private void awaitLive(Color color, String version) {
    await().atMost(ROLLOUT_TIMEOUT).untilAsserted(() -> {
      TradingEnvironmentStatus status = status();
      assertThat(status).isNotNull();
      assertThat(status.phase()).isEqualTo(EnvironmentPhase.Ready);
      assertThat(status.activeColor()).isEqualTo(color);
      assertThat(status.activeVersion()).isEqualTo(version);
      for (String service : ACTIVE_SERVICES) {
        assertThat(selectedColor(service)).isEqualTo(color.name());
      }
    });
  }

  private TradingEnvironmentStatus status() {
    TradingEnvironment te = cluster.client().resources(TradingEnvironment.class).inNamespace(namespace.name())
        .withName(TE).get();
    return te == null ? null : te.getStatus();
  }

  private static Condition condition(TradingEnvironmentStatus status, String type) {
    return Optional.ofNullable(status.conditions()).orElse(List.of()).stream()
        .filter(c -> type.equals(c.type())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + status));
  }

  private String selectedColor(String service) {
    return cluster.client().services().inNamespace(namespace.name()).withName(service).get().getSpec().getSelector()
        .get(Labels.COLOR);
  }

  private String image(String deployment) {
    Deployment d = cluster.client().apps().deployments().inNamespace(namespace.name()).withName(deployment).get();
    assertThat(d).as("Deployment " + deployment).isNotNull();
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private void assertEvent(String reason) {
    assertThat(cluster.client().v1().events().inNamespace(namespace.name()).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo(reason));
  }

  private void assertNoEvent(String reason) {
    assertThat(cluster.client().v1().events().inNamespace(namespace.name()).list().getItems())
        .noneSatisfy(e -> assertThat(e.getReason()).isEqualTo(reason));
  }
}
