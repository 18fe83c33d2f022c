package io.alphintra.e2e.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentStatus;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Staging TradingEnvironment {@value #NAME} of one test namespace, as the blue-green E2E tests
 * apply, change and read it: one pod per service and per color, short rollout settings, an external
 * database Secret that is never used.
 */
final class StagingEnvironment {
  static final String NAME = "staging";
  static final List<String> ACTIVE_SERVICES =
      List.of(NAME + "-auth-service", NAME + "-trading-api");
  static final List<String> PREVIEW_SERVICES =
      List.of(NAME + "-auth-service-preview", NAME + "-trading-api-preview");
  static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(3);
  private static final String DATABASE_SECRET = "staging-db";

  /**
   * The rollout and scaling settings the tests vary (durations in seconds); {@link #shortRollout()}
   * is the baseline, a rollout of about ten seconds on the offline cluster.
   *
   * @param autoPromotion {@code rollout.autoPromotion}
   * @param stabilization {@code rollout.stabilizationSeconds}
   * @param successes {@code rollout.prePromotion.successThreshold} (checks run every second)
   * @param postWindow {@code rollout.postPromotion.windowSeconds} (checks run every second)
   * @param postFailures {@code rollout.postPromotion.failureThreshold}
   * @param progressDeadline {@code rollout.progressDeadlineSeconds}
   * @param scaleDownDelay {@code rollout.scaleDownDelaySeconds}
   * @param autoscaling an HPA per service (1 to 3 pods) owns the live count, instead of a fixed
   *     {@code replicas: 1}
   */
  record Settings(
      boolean autoPromotion,
      int stabilization,
      int successes,
      int postWindow,
      int postFailures,
      int progressDeadline,
      int scaleDownDelay,
      boolean autoscaling) {

    static Settings shortRollout() {
      return new Settings(true, 2, 2, 3, 3, 60, 30, false);
    }

    Settings withManualPromotion() {
      return new Settings(
          false,
          stabilization,
          successes,
          postWindow,
          postFailures,
          progressDeadline,
          scaleDownDelay,
          autoscaling);
    }

    Settings withStabilization(int seconds) {
      return new Settings(
          autoPromotion,
          seconds,
          successes,
          postWindow,
          postFailures,
          progressDeadline,
          scaleDownDelay,
          autoscaling);
    }

    Settings withSuccessThreshold(int checks) {
      return new Settings(
          autoPromotion,
          stabilization,
          checks,
          postWindow,
          postFailures,
          progressDeadline,
          scaleDownDelay,
          autoscaling);
    }

    Settings withPostPromotion(int windowSeconds, int failureThreshold) {
      return new Settings(
          autoPromotion,
          stabilization,
          successes,
          windowSeconds,
          failureThreshold,
          progressDeadline,
          scaleDownDelay,
          autoscaling);
    }

    Settings withProgressDeadline(int seconds) {
      return new Settings(
          autoPromotion,
          stabilization,
          successes,
          postWindow,
          postFailures,
          seconds,
          scaleDownDelay,
          autoscaling);
    }

    Settings withScaleDownDelay(int seconds) {
      return new Settings(
          autoPromotion,
          stabilization,
          successes,
          postWindow,
          postFailures,
          progressDeadline,
          seconds,
          autoscaling);
    }

    Settings withAutoscaling() {
      return new Settings(
          autoPromotion,
          stabilization,
          successes,
          postWindow,
          postFailures,
          progressDeadline,
          scaleDownDelay,
          true);
    }
  }

  private final KubernetesClient client;
  private final String namespace;
  private Settings settings = Settings.shortRollout();

  StagingEnvironment(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Creates the Secret {@code spec.database.secretRef} names; Staging requires one, nothing
   * connects to it.
   */
  void createDatabaseSecret() {
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(DATABASE_SECRET)
                .endMetadata()
                .withStringData(
                    Map.of(
                        "url",
                        "jdbc:postgresql://db.example.invalid:5432/alphintra",
                        "username",
                        "alphintra",
                        "password",
                        "e2e-only"))
                .build())
        .create();
  }

  /**
   * Applies the environment at {@code version} with {@code settings}, which later {@link
   * #setVersion} calls keep.
   */
  void apply(String version, Settings settings) {
    this.settings = settings;
    String yaml =
        """
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
                enabled: %b
                minReplicas: 1
                maxReplicas: 3
            tradingApi:
              replicas: 1
              autoscaling:
                enabled: %b
                minReplicas: 1
                maxReplicas: 3
          database:
            secretRef:
              name: %s
          rollout:
            strategy: BlueGreen
            autoPromotion: %b
            stabilizationSeconds: %d
            prePromotion:
              intervalSeconds: 1
              timeoutSeconds: 1
              successThreshold: %d
            postPromotion:
              windowSeconds: %d
              intervalSeconds: 1
              failureThreshold: %d
            progressDeadlineSeconds: %d
            scaleDownDelaySeconds: %d
        """
            .formatted(
                NAME,
                version,
                settings.autoscaling(),
                settings.autoscaling(),
                DATABASE_SECRET,
                settings.autoPromotion(),
                settings.stabilization(),
                settings.successes(),
                settings.postWindow(),
                settings.postFailures(),
                settings.progressDeadline(),
                settings.scaleDownDelay());
    client
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .inNamespace(namespace)
        .fieldManager(Platform.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  /** Changes {@code spec.version} only: starts a rollout (or a fast rollback). */
  void setVersion(String version) {
    apply(version, settings);
  }

  /**
   * Sets an annotation the way {@code kubectl annotate} does (a merge patch outside the tests'
   * apply field manager, so the next {@link #apply} does not remove it).
   */
  void annotate(String key, String value) {
    client
        .resources(TradingEnvironment.class)
        .inNamespace(namespace)
        .withName(NAME)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}");
  }

  Map<String, String> annotations() {
    return Optional.ofNullable(environment().getMetadata().getAnnotations()).orElse(Map.of());
  }

  TradingEnvironmentStatus status() {
    TradingEnvironment te = environment();
    return te == null ? null : te.getStatus();
  }

  Condition condition(String type) {
    TradingEnvironmentStatus status = status();
    return Optional.ofNullable(status.conditions()).orElse(List.of()).stream()
        .filter(c -> type.equals(c.type()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition in " + status));
  }

  /**
   * Waits until the environment is Ready and every active Service selects {@code color}, serving
   * {@code version}.
   */
  void awaitLive(Color color, String version) {
    await()
        .atMost(ROLLOUT_TIMEOUT)
        .untilAsserted(
            () -> {
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

  /** Waits until {@code status.rollout} is at {@code revision} in {@code phase}. */
  void awaitPhase(RolloutPhase phase, long revision) {
    awaitPhase(phase, revision, ROLLOUT_TIMEOUT);
  }

  void awaitPhase(RolloutPhase phase, long revision, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              TradingEnvironmentStatus status = status();
              assertThat(status).isNotNull();
              assertThat(status.rollout()).isNotNull();
              assertThat(status.rollout().revision()).as("rollout revision").isEqualTo(revision);
              assertThat(status.rollout().phase())
                  .as("rollout phase; message: " + status.rollout().message())
                  .isEqualTo(phase);
            });
  }

  /**
   * Waits until every active Service selects {@code color}. A step writes its status before it
   * switches Services, so a phase seen in status can precede the switch by the rest of that
   * reconcile.
   */
  void awaitSelected(String color) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              for (String service : ACTIVE_SERVICES) {
                assertThat(selectedColor(service))
                    .as("active selector of " + service)
                    .isEqualTo(color);
              }
            });
  }

  String selectedColor(String service) {
    Service s = client.services().inNamespace(namespace).withName(service).get();
    return s == null ? null : s.getSpec().getSelector().get(Labels.COLOR);
  }

  /** {@code spec.replicas} of a Deployment, -1 when it does not exist. */
  int replicas(String deployment) {
    Deployment d = deployment(deployment);
    return d == null ? -1 : Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
  }

  Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  String image(String deployment) {
    Deployment d = deployment(deployment);
    assertThat(d).as("Deployment " + deployment).isNotNull();
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** Events of this namespace with {@code reason}. */
  List<Event> events(String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private TradingEnvironment environment() {
    return client.resources(TradingEnvironment.class).inNamespace(namespace).withName(NAME).get();
  }
}
