package io.alphintra.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.e2e.bench.RecordingHealthEndpoints.Check;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blue-green rollout latency: twenty rollouts of one Staging environment, each promoted once its
 * checks pass and then rolled back by failing post-promotion checks. Measures (a) new color proven
 * stable → active selectors switched, and (b) failure observable → selectors switched back, both
 * net of the configured check schedule. Writes {@code target/bench/rollout-latency.json}. Run with
 * {@code -Pbench} (see the README's Benchmarks).
 */
@ExtendWith(ClusterExtension.class)
class RolloutLatencyBench {
  private static final String TE = "bench";
  private static final List<String> ACTIVE_SERVICES =
      List.of(TE + "-auth-service", TE + "-trading-api");
  private static final int ROLLOUTS = Integer.getInteger("alphintra.bench.rollouts", 20);
  private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
  // The rollout settings, as short as the API allows where they are not what is measured.
  private static final int CHECK_INTERVAL_S = 1;
  private static final int SUCCESS_THRESHOLD = 2;
  private static final int POST_INTERVAL_S = 1;
  private static final int FAILURE_THRESHOLD = 2;
  private static final int POST_WINDOW_S = 30;
  private static final long TARGET_MS = 1_000;

  private TestNamespace namespace;

  @RegisterExtension final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @AfterEach
  void deleteNamespace() {
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void promotionAndRollbackSwitchTheActiveSelectorsWithinASecondOfTheDecidingCheck(Cluster cluster)
      throws Exception {
    Platform.installCrds(cluster);
    KubernetesClient client = cluster.client();
    namespace = TestNamespace.create(cluster, "bench-rollout");
    String ns = namespace.name();
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("bench-db")
                .endMetadata()
                .withStringData(
                    Map.of(
                        "url",
                        "jdbc:postgresql://db.example.invalid:5432/alphintra",
                        "username",
                        "alphintra",
                        "password",
                        "bench-only"))
                .build())
        .create();
    List<Map<String, Object>> rollouts = new ArrayList<>();
    Throwable failure = null;
    try (RecordingHealthEndpoints endpoints = new RecordingHealthEndpoints();
        RolloutTimeline timeline = new RolloutTimeline(client, ns, TE);
        OperatorMain operator = Platform.startOperator(cluster, List.of(ns), endpoints, Map.of())) {
      apply(client, "1.0.0");
      await()
          .atMost(STEP_TIMEOUT)
          .until(
              () ->
                  timeline.switched(ACTIVE_SERVICES, "blue", Instant.EPOCH).isPresent()
                      && readyOn(client, "1.0.0"));
      for (int i = 1; i <= ROLLOUTS; i++) {
        rollouts.add(rollOutAndBack(client, endpoints, timeline, "1.1." + i));
      }
    } catch (RuntimeException | AssertionError e) {
      failure = e; // the rollouts measured so far are still reported
    }
    report(cluster, rollouts, failure);
    if (failure instanceof RuntimeException e) {
      throw e;
    } else if (failure instanceof AssertionError e) {
      throw e;
    }
  }

  /**
   * One rollout: promote after the checks pass, then fail the active checks until it switches back.
   */
  private Map<String, Object> rollOutAndBack(
      KubernetesClient client,
      RecordingHealthEndpoints endpoints,
      RolloutTimeline timeline,
      String version)
      throws InterruptedException {
    String ns = namespace.name();
    Color from = status(client).activeColor();
    Color to = from.other();
    endpoints.failActive(false);
    Instant started = Instant.now();
    apply(client, version);
    Instant[] promoted =
        await()
            .atMost(STEP_TIMEOUT)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> timeline.switched(ACTIVE_SERVICES, to.name(), started).orElse(null),
                s -> s != null);
    RolloutStatus checking =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> last(timeline.rolloutsOf(version), RolloutPhase.Checking), r -> r != null);
    RolloutStatus promotedStatus =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> last(timeline.rolloutsOf(version), RolloutPhase.Promoted), r -> r != null);
    // The check round that reached successThreshold ends with the last preview check before the
    // first switch.
    Check decidingCheck = lastBefore(endpoints.checks(), ns, true, 200, promoted[0]);

    // Fail at a random point of the post-promotion check interval, so the wait for the next check
    // is sampled evenly.
    Duration offset =
        Duration.ofMillis(200 + ThreadLocalRandom.current().nextLong(POST_INTERVAL_S * 1000L));
    await().pollDelay(offset).atMost(offset.plusSeconds(5)).until(() -> true);
    Instant failing = Instant.now();
    endpoints.failActive(true);
    Instant[] back =
        await()
            .atMost(STEP_TIMEOUT)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () -> timeline.switched(ACTIVE_SERVICES, from.name(), failing).orElse(null),
                s -> s != null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> last(timeline.rolloutsOf(version), RolloutPhase.RolledBack) != null);
    List<Check> failed =
        endpoints.checks().stream()
            .filter(
                c ->
                    c.namespace().equals(ns)
                        && !c.preview()
                        && c.code() == 500
                        && !c.answeredAt().isBefore(failing)
                        && !c.answeredAt().isAfter(back[0]))
            .toList();
    assertThat(failed)
        .as("failed post-promotion checks of " + version)
        .hasSizeGreaterThanOrEqualTo(FAILURE_THRESHOLD);
    endpoints.failActive(false);

    Instant checkingSince = Instant.parse(checking.phaseSince());
    Instant promotedAt = Instant.parse(promotedStatus.promotedAt());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("version", version);
    r.put("from", from.name());
    r.put("to", to.name());
    r.put("checkingSince", checkingSince.toString());
    r.put("decidingCheckAt", decidingCheck.answeredAt().toString());
    r.put("promotedAt", promotedAt.toString());
    r.put("firstSelectorSwitchedAt", promoted[0].toString());
    r.put("allSelectorsSwitchedAt", promoted[1].toString());
    r.put("stableToSwitchedMs", millis(decidingCheck.answeredAt(), promoted[1]));
    // The first check is due as soon as Checking is entered (no lastCheckAt yet), the next ones an
    // interval apart.
    r.put(
        "promoteBeyondScheduleMs",
        millis(
            checkingSince.plusSeconds((long) CHECK_INTERVAL_S * (SUCCESS_THRESHOLD - 1)),
            promoted[1]));
    r.put(
        "promoteBeyondIntervalTimesThresholdMs",
        millis(
            checkingSince.plusSeconds((long) CHECK_INTERVAL_S * SUCCESS_THRESHOLD), promoted[1]));
    r.put("promotionDecisionToSwitchedMs", millis(promotedAt, promoted[1]));
    r.put(
        "previewChecksAfterFirstSwitch",
        endpoints.checks().stream()
            .filter(
                c -> c.namespace().equals(ns) && c.preview() && c.answeredAt().isAfter(promoted[0]))
            .count());
    r.put("failingFrom", failing.toString());
    r.put("firstFailedCheckAt", failed.getFirst().answeredAt().toString());
    r.put("decidingFailedCheckAt", failed.getLast().answeredAt().toString());
    r.put("switchedBackAt", back[1].toString());
    r.put("failureToSwitchedBackMs", millis(failing, back[1]));
    r.put(
        "rollbackBeyondIntervalTimesThresholdMs",
        millis(failing, back[1]) - (long) POST_INTERVAL_S * FAILURE_THRESHOLD * 1000);
    // The first failing check is due an interval after the last check (promotion counts as one),
    // not before.
    Instant lastPassed =
        endpoints.checks().stream()
            .filter(
                c ->
                    c.namespace().equals(ns)
                        && !c.preview()
                        && c.code() == 200
                        && c.answeredAt().isBefore(failing))
            .map(Check::answeredAt)
            .filter(at -> at.isAfter(promotedAt))
            .reduce((x, y) -> y)
            .orElse(promotedAt);
    Instant firstDue =
        lastPassed.plusSeconds(POST_INTERVAL_S).isAfter(failing)
            ? lastPassed.plusSeconds(POST_INTERVAL_S)
            : failing;
    r.put("lastPassedCheckAt", lastPassed.toString());
    r.put(
        "rollbackBeyondScheduleMs",
        millis(firstDue.plusSeconds((long) POST_INTERVAL_S * (FAILURE_THRESHOLD - 1)), back[1]));
    r.put("decidingFailedCheckToSwitchedBackMs", millis(failed.getLast().answeredAt(), back[1]));
    r.put("wholeRolloutMs", millis(started, back[1]));
    System.out.println("rollout " + version + ": " + r);
    return r;
  }

  private void report(Cluster cluster, List<Map<String, Object>> rollouts, Throwable failure) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("cluster", cluster.description());
    settings.put("rollouts", rollouts.size());
    settings.put("replicasPerService", 1);
    settings.put("stabilizationSeconds", 1);
    settings.put(
        "prePromotion",
        Map.of(
            "intervalSeconds",
            CHECK_INTERVAL_S,
            "timeoutSeconds",
            1,
            "successThreshold",
            SUCCESS_THRESHOLD));
    settings.put(
        "postPromotion",
        Map.of(
            "windowSeconds",
            POST_WINDOW_S,
            "intervalSeconds",
            POST_INTERVAL_S,
            "failureThreshold",
            FAILURE_THRESHOLD));
    Map<String, String> promote = new LinkedHashMap<>();
    promote.put(
        "promoteBeyondScheduleMs",
        "switched - (status.rollout.phaseSince of Checking + intervalSeconds x"
            + " (successThreshold - 1)): the first check is due on entering Checking, the others an interval apart."
            + " 'switched' is the later of the two active Services' watch events with the new color");
    promote.put(
        "stableToSwitchedMs",
        "switched - answer time of the preview check that completed successThreshold");
    promote.put(
        "promotionDecisionToSwitchedMs",
        "switched - status.rollout.promotedAt (the deciding reconcile's" + " start)");
    promote.put(
        "promoteBeyondIntervalTimesThresholdMs",
        "switched - (phaseSince of Checking + intervalSeconds x"
            + " successThreshold); negative because the first check does not wait an interval");
    Map<String, String> rollback = new LinkedHashMap<>();
    rollback.put(
        "rollbackBeyondScheduleMs",
        "switched back - (max(failure, last check + intervalSeconds) +"
            + " intervalSeconds x (failureThreshold - 1)): the earliest the checks could have seen failureThreshold"
            + " failures; 'last check' is the last passing post-promotion check or, if none yet, promotedAt");
    rollback.put(
        "decidingFailedCheckToSwitchedBackMs",
        "switched back - answer time of the failed check that" + " completed failureThreshold");
    rollback.put(
        "failureToSwitchedBackMs",
        "switched back - moment the health server started answering 500");
    rollback.put(
        "rollbackBeyondIntervalTimesThresholdMs",
        "failureToSwitchedBackMs - intervalSeconds x"
            + " failureThreshold (the worst-case schedule; negative when the failure lands just before a check)");
    LatencySummary a = summary(rollouts, "promoteBeyondScheduleMs");
    LatencySummary b = summary(rollouts, "rollbackBeyondScheduleMs");
    Map<String, Object> targets = new LinkedHashMap<>();
    targets.put("beyondScheduleP99BelowMs", TARGET_MS);
    targets.put("promoteMet", a.p99() < TARGET_MS);
    targets.put("rollbackMet", b.p99() < TARGET_MS);
    var file =
        new BenchReport("rollout-latency")
            .put("settings", settings)
            .put("promotion", summaries(rollouts, promote))
            .put("rollback", summaries(rollouts, rollback))
            .put("targets", targets)
            .put(
                "failure",
                failure == null
                    ? null
                    : "stopped after " + rollouts.size() + " rollouts: " + failure)
            .put("rolloutsDetail", rollouts)
            .write();
    System.out.printf(
        """
        ==== Rollout latency: %d blue-green rollouts of one Staging environment (%s)
          (a) promotion, beyond the check schedule:        %s   [target p99 < %d ms: %s]
              deciding preview check -> selectors switched: %s
              status promotedAt -> selectors switched:      %s
          (b) rollback, beyond the check schedule:         %s   [target p99 < %d ms: %s]
              deciding failed check -> switched back:       %s
              failure (500) -> switched back, raw:          %s
          report: %s
        """,
        rollouts.size(),
        cluster.description(),
        a,
        TARGET_MS,
        a.p99() < TARGET_MS ? "met" : "MISSED",
        summary(rollouts, "stableToSwitchedMs"),
        summary(rollouts, "promotionDecisionToSwitchedMs"),
        b,
        TARGET_MS,
        b.p99() < TARGET_MS ? "met" : "MISSED",
        summary(rollouts, "decidingFailedCheckToSwitchedBackMs"),
        summary(rollouts, "failureToSwitchedBackMs"),
        file);
  }

  private static Map<String, Object> summaries(
      List<Map<String, Object>> rollouts, Map<String, String> definitions) {
    Map<String, Object> json = new LinkedHashMap<>();
    definitions.forEach(
        (key, definition) -> {
          Map<String, Object> entry = new LinkedHashMap<>(summary(rollouts, key).toJson());
          entry.put("definition", definition);
          json.put(key, entry);
        });
    return json;
  }

  /**
   * Applies the environment at {@code version}: one pod per service, no autoscaling, the short
   * rollout settings.
   */
  private void apply(KubernetesClient client, String version) {
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
                enabled: false
            tradingApi:
              replicas: 1
              autoscaling:
                enabled: false
          database:
            secretRef:
              name: bench-db
          rollout:
            strategy: BlueGreen
            autoPromotion: true
            autoRollback: true
            stabilizationSeconds: 1
            prePromotion:
              intervalSeconds: %d
              timeoutSeconds: 1
              successThreshold: %d
            postPromotion:
              windowSeconds: %d
              intervalSeconds: %d
              failureThreshold: %d
            progressDeadlineSeconds: 60
            scaleDownDelaySeconds: 30
        """
            .formatted(
                TE,
                version,
                CHECK_INTERVAL_S,
                SUCCESS_THRESHOLD,
                POST_WINDOW_S,
                POST_INTERVAL_S,
                FAILURE_THRESHOLD);
    client
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .inNamespace(namespace.name())
        .fieldManager(Platform.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  private boolean readyOn(KubernetesClient client, String version) {
    TradingEnvironment te =
        client.resources(TradingEnvironment.class).inNamespace(namespace.name()).withName(TE).get();
    return te != null
        && EnvironmentTimeline.isReady(te)
        && version.equals(te.getStatus().activeVersion());
  }

  private io.alphintra.api.v1alpha1.TradingEnvironmentStatus status(KubernetesClient client) {
    return client
        .resources(TradingEnvironment.class)
        .inNamespace(namespace.name())
        .withName(TE)
        .get()
        .getStatus();
  }

  private static RolloutStatus last(List<RolloutStatus> statuses, RolloutPhase phase) {
    return statuses.stream().filter(r -> r.phase() == phase).reduce((a, b) -> b).orElse(null);
  }

  private static Check lastBefore(
      List<Check> checks, String namespace, boolean preview, int code, Instant moment) {
    return checks.stream()
        .filter(
            c ->
                c.namespace().equals(namespace)
                    && c.preview() == preview
                    && c.code() == code
                    && !c.answeredAt().isAfter(moment))
        .reduce((a, b) -> b)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + (preview ? "preview" : "active") + " check before " + moment));
  }

  private static LatencySummary summary(List<Map<String, Object>> rollouts, String key) {
    return LatencySummary.of(rollouts.stream().map(r -> (Long) r.get(key)).toList());
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }
}
