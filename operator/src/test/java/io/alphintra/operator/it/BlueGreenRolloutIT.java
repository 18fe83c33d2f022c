package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.HealthCheckSpec;
import io.alphintra.api.v1alpha1.PostPromotionSpec;
import io.alphintra.api.v1alpha1.RolloutOutcome;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutSpec;
import io.alphintra.api.v1alpha1.RolloutStrategy;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blue-green rollouts end to end against a real kube-apiserver: the test plays the Deployment
 * controller ({@link FakeCluster}) and the services' health endpoints (a local HTTP server the
 * operator's checks reach).
 */
class BlueGreenRolloutIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final AtomicInteger previewAnswer = new AtomicInteger(200);
  private final AtomicInteger activeAnswer = new AtomicInteger(200);

  /** Runs inside the operator's preview check, i.e. while a reconcile step is deciding. */
  private volatile Runnable onPreviewCheck = () -> {};

  private HttpServer services;
  private FakeCluster cluster;
  private OperatorMain operator;
  private String namespace;

  @BeforeEach
  void start() throws IOException {
    namespace = api.newNamespace("bg");
    services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    services.createContext(
        "/",
        exchange -> {
          boolean preview = exchange.getRequestURI().getPath().contains("-preview/");
          if (preview) {
            onPreviewCheck.run();
          }
          int code = preview ? previewAnswer.get() : activeAnswer.get();
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        });
    services.start();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(
                    Map.of("url", "jdbc:postgresql://db:5432/a", "username", "u", "password", "p"))
                .build())
        .create();
    cluster = new FakeCluster(client, namespace);
    operator = startOperator();
  }

  private OperatorMain startOperator() {
    int port = services.getAddress().getPort();
    return startOperator(
        namespace,
        (ns, service, servicePort, path) ->
            URI.create("http://127.0.0.1:" + port + "/" + service + path));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    cluster.close();
    services.stop(0);
    var te = environment();
    System.out.println("status: " + (te == null ? null : te.getStatus()));
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            e ->
                System.out.println(
                    "event " + e.getType() + " " + e.getReason() + ": " + e.getMessage()));
  }

  @Test
  void successfulRolloutPromotesAfterChecksAndScalesTheOldColorDownLater() {
    live("1.0.0", rollout(true, 5));
    cluster.sampleActiveService("desk-trading-api");

    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Completed, 2L);

    var status = environment().getStatus();
    assertThat(status.activeColor()).isEqualTo(Color.green);
    assertThat(status.activeVersion()).isEqualTo("2.0.0");
    assertThat(selector("desk-trading-api")).isEqualTo("green");
    assertThat(status.history().get(0).outcome()).isEqualTo(RolloutOutcome.Promoted);
    await().atMost(TIMEOUT).until(() -> replicas("desk-trading-api-blue") == 0);
    assertThat(cluster.violations()).isEmpty();
  }

  @Test
  void aStepWhoseStatusWriteLosesTheLockLeavesNoEventAndMovesNoService() {
    live("1.0.0", rollout(true, 60));
    AtomicBoolean conflicted = new AtomicBoolean();
    AtomicInteger previewRequests = new AtomicInteger();
    List<String> activeDuringLaterChecks = new CopyOnWriteArrayList<>();
    // Each check asks both preview Services, and successThreshold is 2: the second check (requests
    // 3 and 4) is the
    // one whose step promotes. The environment changes while that step decides, so its status write
    // is rejected
    // with 409. Every later check looks at where the active Service points.
    onPreviewCheck =
        () -> {
          int request = previewRequests.incrementAndGet();
          if (request == 2 * checks().successThreshold() - 1) {
            annotate("touched-during-check", "1");
            conflicted.set(true);
          } else if (request > 2 * checks().successThreshold()) {
            activeDuringLaterChecks.add(selector("desk-trading-api"));
          }
        };

    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Completed, 2L);

    assertThat(conflicted).isTrue();
    assertThat(activeDuringLaterChecks)
        .as("the step that lost did not switch the active Service")
        .isNotEmpty()
        .containsOnly("blue");
    assertThat(selector("desk-trading-api")).isEqualTo("green");
    Map<String, Long> reasons =
        client.v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> "TradingEnvironment".equals(e.getInvolvedObject().getKind()))
            .collect(Collectors.groupingBy(e -> e.getReason(), Collectors.counting()));
    assertThat(reasons)
        .as("one event per transition")
        .containsEntry("RolloutStarted", 1L)
        .containsEntry("NewColorReady", 1L)
        .containsEntry("PrePromotionChecks", 1L)
        .containsEntry("Promoted", 1L)
        .containsEntry("RolloutCompleted", 1L);
    assertThat(environment().getStatus().history())
        .extracting(r -> r.revision())
        .containsOnlyOnce(2L);
  }

  @Test
  void manualPromotionWaitsForThePromoteAnnotation() {
    live("1.0.0", rollout(false, 60));
    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Paused, 2L);
    assertThat(condition(Condition.PAUSED).message()).contains("trading.alphintra.io/promote=2");
    assertThat(selector("desk-trading-api")).isEqualTo("blue");

    annotate(Api.PROMOTE_ANNOTATION, "2");
    await().atMost(TIMEOUT).until(() -> "green".equals(selector("desk-trading-api")));
  }

  @Test
  void abortAnnotationAbortsAndScalesTheNewColorToZero() {
    live("1.0.0", rollout(false, 60));
    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Paused, 2L);

    annotate(Api.ABORT_ANNOTATION, "true");
    awaitPhase(RolloutPhase.Aborted, 2L);
    await().atMost(TIMEOUT).until(() -> replicas("desk-trading-api-green") == 0);
    await()
        .atMost(TIMEOUT)
        .until(
            () -> !environment().getMetadata().getAnnotations().containsKey(Api.ABORT_ANNOTATION));
    assertThat(selector("desk-trading-api")).isEqualTo("blue");
  }

  @Test
  void failedPrePromotionChecksAbortWithoutEverTouchingTheLiveColor() {
    live("1.0.0", rollout(true, 60));
    cluster.sampleActiveService("desk-trading-api");
    previewAnswer.set(503);

    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Aborted, 2L);

    Condition degraded = condition(Condition.DEGRADED);
    assertThat(degraded.reason()).isEqualTo("RolloutAborted");
    assertThat(degraded.message()).contains("HTTP 503").contains("set spec.version back to 1.0.0");
    assertThat(selector("desk-trading-api")).isEqualTo("blue");
    await().atMost(TIMEOUT).until(() -> replicas("desk-trading-api-green") == 0);
    assertThat(cluster.violations()).isEmpty();
  }

  @Test
  void newPodsThatNeverGetReadyAreAbortedAtTheProgressDeadline() {
    live(
        "1.0.0",
        new RolloutSpec(RolloutStrategy.BlueGreen, true, 1, checks(), post(), true, 60, 30, null));
    cluster.sampleActiveService("desk-trading-api");
    cluster.unready("desk-trading-api-green");

    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Aborted, 2L);
    assertThat(environment().getStatus().rollout().message())
        .contains("progressDeadlineSeconds=30");
    assertThat(cluster.violations()).isEmpty();
  }

  @Test
  void failedPostPromotionChecksSwitchBackToThePreviousColor() {
    live(
        "1.0.0",
        new RolloutSpec(
            RolloutStrategy.BlueGreen,
            true,
            1,
            checks(),
            new PostPromotionSpec(20, 1, 2),
            true,
            60,
            30,
            null));
    setVersion("2.0.0");
    await().atMost(TIMEOUT).until(() -> "green".equals(selector("desk-trading-api")));

    activeAnswer.set(500);
    awaitPhase(RolloutPhase.RolledBack, 2L);
    // Status is written first; the switch back follows in the same reconcile.
    await().atMost(Duration.ofSeconds(10)).until(() -> "blue".equals(selector("desk-trading-api")));
    assertThat(condition(Condition.DEGRADED).reason()).isEqualTo("RolledBack");
    assertThat(environment().getStatus().activeVersion()).isEqualTo("1.0.0");
  }

  @Test
  void settingTheVersionBackWithinTheScaleDownDelayIsAnInstantSwitch() {
    live("1.0.0", rollout(true, 300));
    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Completed, 2L);

    setVersion("1.0.0");
    await().atMost(Duration.ofSeconds(10)).until(() -> "blue".equals(selector("desk-trading-api")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> environment().getStatus().rollout().message().contains("Fast rollback"));
    assertThat(environment().getStatus().activeVersion()).isEqualTo("1.0.0");
  }

  @Test
  void operatorRestartedInEveryPhaseStillFinishesTheRollout() {
    live("1.0.0", rollout(true, 60));
    cluster.sampleActiveService("desk-trading-api");
    cluster.unready("desk-trading-api-green");
    setVersion("2.0.0");
    Set<RolloutPhase> restartedIn = EnumSet.noneOf(RolloutPhase.class);
    for (RolloutPhase phase :
        new RolloutPhase[] {
          RolloutPhase.Progressing,
          RolloutPhase.Stabilizing,
          RolloutPhase.Checking,
          RolloutPhase.Promoted
        }) {
      awaitPhase(phase, 2L);
      operator.close();
      operator = startOperator();
      restartedIn.add(phase);
      if (phase == RolloutPhase.Progressing) {
        cluster.ready("desk-trading-api-green");
      }
    }
    awaitPhase(RolloutPhase.Completed, 2L);

    assertThat(restartedIn).hasSize(4);
    assertThat(environment().getStatus().activeColor()).isEqualTo(Color.green);
    assertThat(client.apps().deployments().inNamespace(namespace).list().getItems()).hasSize(4);
    assertThat(cluster.violations()).isEmpty();
  }

  @Test
  void autoscalerScalingTheLiveColorDuringARolloutIsNeitherUndoneNorCopied() {
    live("1.0.0", rollout(false, 60));
    setVersion("2.0.0");
    awaitPhase(RolloutPhase.Paused, 2L);
    assertThat(replicas("desk-trading-api-green")).isEqualTo(2);

    // What the HPA does: scale the live Deployment through its scale subresource.
    client.apps().deployments().inNamespace(namespace).withName("desk-trading-api-blue").scale(5);
    annotate("touch", "1");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(replicas("desk-trading-api-blue"))
                  .as("the operator leaves the live count to the HPA")
                  .isEqualTo(5);
              assertThat(replicas("desk-trading-api-green"))
                  .as("the new color keeps its frozen count")
                  .isEqualTo(2);
            });
    assertThat(environment().getStatus().rollout().phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(selector("desk-trading-api")).isEqualTo("blue");
  }

  // --- helpers
  // ---------------------------------------------------------------------------------------------------

  private static HealthCheckSpec checks() {
    return new HealthCheckSpec(null, 1, 1, 2);
  }

  private static PostPromotionSpec post() {
    return new PostPromotionSpec(3, 1, 2);
  }

  private static RolloutSpec rollout(boolean autoPromotion, int scaleDownDelaySeconds) {
    return new RolloutSpec(
        RolloutStrategy.BlueGreen,
        autoPromotion,
        1,
        checks(),
        post(),
        true,
        scaleDownDelaySeconds,
        60,
        null);
  }

  /** Creates the environment at {@code version} and waits until it is live and Ready on blue. */
  private void live(String version, RolloutSpec rollout) {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("desk").withNamespace(namespace).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Staging,
            version,
            null,
            null,
            new DatabaseSpec(new DatabaseSecretRef("db", null, null, null), null),
            rollout,
            null,
            null,
            null));
    client.resource(te).create();
    await().atMost(TIMEOUT).until(() -> condition(Condition.READY).holds());
    assertThat(selector("desk-trading-api")).isEqualTo("blue");
  }

  private void setVersion(String version) {
    Conflicts.retry(
        () ->
            client
                .resources(TradingEnvironment.class)
                .inNamespace(namespace)
                .withName("desk")
                .edit(
                    te -> {
                      var s = te.getSpec();
                      te.setSpec(
                          new TradingEnvironmentSpec(
                              s.tier(),
                              version,
                              s.imageRegistry(),
                              s.services(),
                              s.database(),
                              s.rollout(),
                              s.networkPolicy(),
                              s.monitoring(),
                              s.paused()));
                      return te;
                    }));
  }

  private void annotate(String key, String value) {
    Conflicts.retry(
        () ->
            client
                .resources(TradingEnvironment.class)
                .inNamespace(namespace)
                .withName("desk")
                .edit(
                    te -> {
                      te.getMetadata().getAnnotations().put(key, value);
                      return te;
                    }));
  }

  private void awaitPhase(RolloutPhase phase, long revision) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var status = environment().getStatus();
              return status != null
                  && status.rollout() != null
                  && status.rollout().revision() == revision
                  && status.rollout().phase() == phase;
            });
  }

  private TradingEnvironment environment() {
    return client.resources(TradingEnvironment.class).inNamespace(namespace).withName("desk").get();
  }

  private Condition condition(String type) {
    var status = environment().getStatus();
    return status == null
        ? new Condition(
            type, io.alphintra.api.v1alpha1.ConditionStatus.Unknown, null, null, null, null)
        : Conditions.find(status.conditions(), type)
            .orElse(
                new Condition(
                    type,
                    io.alphintra.api.v1alpha1.ConditionStatus.Unknown,
                    null,
                    null,
                    null,
                    null));
  }

  private String selector(String service) {
    var svc = client.services().inNamespace(namespace).withName(service).get();
    return svc == null ? null : svc.getSpec().getSelector().get("trading.alphintra.io/color");
  }

  private int replicas(String deployment) {
    var d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    return d == null ? -1 : Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
  }
}
