package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.RiskLimits;
import io.alphintra.api.v1alpha1.SmaCrossoverParameters;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyPhase;
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyType;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Strategy reconciler against a real kube-apiserver; {@link FakeEngines} serves the engines'
 * HTTP surface for real and plays their pods, {@link FakeConnector} the connectors' health.
 */
class StrategyReconcilerIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVISION = "trading.alphintra.io/strategy-revision";

  private FakeConnector connector;
  private FakeEngines engines;
  private OperatorMain operator;
  private String namespace;

  @BeforeEach
  void start() {
    namespace = api.newNamespace("strat");
    connector = FakeConnector.start();
    engines = FakeEngines.start(client, namespace);
    operator = startOperator(namespace, engines.endpoints(connector.endpoints()));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    engines.close();
    connector.close();
    client
        .resources(Strategy.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            s ->
                System.out.println(
                    "Strategy " + s.getMetadata().getName() + " status: " + s.getStatus()));
    events()
        .forEach(
            e ->
                System.out.println(
                    "event " + e.getType() + " " + e.getReason() + ": " + e.getMessage()));
    System.out.println("engine timeline: " + engines.timeline());
  }

  @Test
  void aPaperStrategyRunsAndItsPrinterColumnsShowRealValues() throws Exception {
    readyEnvironmentAndConnection();
    create("sma", spec(TradingMode.Paper, 5, false));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Strategy s = strategy("sma");
              assertThat(s.getStatus()).isNotNull();
              assertThat(s.getStatus().phase()).isEqualTo(StrategyPhase.Running);
              assertThat(condition("sma", Condition.READY).holds()).isTrue();
              assertThat(s.getStatus().pnl().total()).isEqualTo("10.84");
              assertThat(s.getStatus().positions()).hasSize(1);
              assertThat(s.getStatus().ordersToday()).isEqualTo(17);
              assertThat(s.getStatus().lastSignalTime()).isEqualTo("2026-11-30T12:00:00Z");
            });
    Deployment d = deployment("sma");
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(client.serviceAccounts().inNamespace(namespace).withName("sma-strategy").get())
        .isNotNull();
    assertThat(client.services().inNamespace(namespace).withName("sma-strategy").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(namespace).withName("sma-strategy-config").get())
        .isNotNull();
    assertThat(
            client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withName("sma-strategy")
                .get())
        .isNotNull();
    assertThat(strategy("sma").getStatus().revision()).isEqualTo(engines.revision("sma"));
    assertThat(strategy("sma").getMetadata().getFinalizers()).isNotEmpty();

    Map<String, String> columns = printerColumns("sma");
    assertThat(columns)
        .containsEntry("Type", "SmaCrossover")
        .containsEntry("Mode", "Paper")
        .containsEntry("Phase", "Running")
        .containsEntry("PnL", "10.84");
    assertThat(columns.get("Age")).isNotBlank();
    awaitEvent(e -> e.getReason().equals("Running"));
  }

  @Test
  void aSpecChangeDrainsTheRunningEngineBeforeTheNextStartsEvenAcrossAnOperatorRestart() {
    readyEnvironmentAndConnection();
    create("sma", spec(TradingMode.Paper, 5, false));
    awaitPhase("sma", StrategyPhase.Running);
    String before = templateRevision("sma");
    engines.holdDrain("sma", true);

    edit("sma", spec(TradingMode.Paper, 8, false));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(engines.phase("sma")).isEqualTo("DRAINING");
              assertThat(strategy("sma").getStatus().drain()).isNotNull();
              assertThat(condition("sma", Condition.PROGRESSING).reason()).isEqualTo("Draining");
            });
    assertThat(templateRevision("sma")).as("the pod template waits for DRAINED").isEqualTo(before);

    // The switch state is in the status: a new operator process resumes it.
    operator.close();
    int polled = engines.statusRequests("sma");
    operator = startOperator(namespace, engines.endpoints(connector.endpoints()));
    await().atMost(TIMEOUT).until(() -> engines.statusRequests("sma") >= polled + 2);
    assertThat(templateRevision("sma")).isEqualTo(before);
    assertThat(engines.phase("sma")).isEqualTo("DRAINING");

    engines.holdDrain("sma", false);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Strategy s = strategy("sma");
              assertThat(templateRevision("sma")).isNotEqualTo(before);
              assertThat(s.getStatus().phase()).isEqualTo(StrategyPhase.Running);
              assertThat(condition("sma", Condition.READY).holds()).isTrue();
              assertThat(s.getStatus().revision()).isEqualTo(templateRevision("sma"));
              assertThat(s.getStatus().drain()).isNull();
              assertThat(engines.revision("sma")).isEqualTo(templateRevision("sma"));
            });
    assertThat(engines.violations()).isEmpty();
    List<String> timeline = engines.timeline();
    assertThat(timeline.indexOf("sma drained"))
        .isGreaterThan(timeline.indexOf("sma drain requested"))
        .isLessThan(timeline.indexOf("sma started " + templateRevision("sma")));
    awaitEvent(e -> e.getReason().equals("DrainStarted"));
    awaitEvent(e -> e.getReason().equals("Drained"));
  }

  @Test
  void aDrainThatTimesOutIsReportedAndTheSwitchProceeds() {
    operator.close();
    operator =
        startOperator(
            namespace,
            engines.endpoints(connector.endpoints()),
            Map.of("ALPHINTRA_STRATEGY_DRAIN_TIMEOUT", "PT3S"));
    readyEnvironmentAndConnection();
    create("sma", spec(TradingMode.Paper, 5, false));
    awaitPhase("sma", StrategyPhase.Running);
    String before = templateRevision("sma");
    engines.holdDrain("sma", true);

    edit("sma", spec(TradingMode.Paper, 8, false));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(templateRevision("sma")).isNotEqualTo(before);
              assertThat(events())
                  .anySatisfy(
                      e -> {
                        assertThat(e.getReason()).isEqualTo("DrainTimedOut");
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getMessage())
                            .contains("did not report DRAINED within PT3S")
                            .contains("replaced anyway");
                      });
            });
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(condition("sma", Condition.READY).holds()).isTrue();
              assertThat(strategy("sma").getStatus().revision()).isEqualTo(templateRevision("sma"));
            });
    assertThat(engines.violations())
        .as("the documented exception: replaced while still draining, after the timeout")
        .singleElement()
        .asString()
        .contains("replaced while DRAINING");
  }

  @Test
  void suspendDrainsThenScalesToZeroAndResumeStartsANewEngine() {
    readyEnvironmentAndConnection();
    create("sma", spec(TradingMode.Paper, 5, false));
    awaitPhase("sma", StrategyPhase.Running);

    edit("sma", spec(TradingMode.Paper, 5, true));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("sma").getSpec().getReplicas()).isZero();
              assertThat(strategy("sma").getStatus().phase()).isEqualTo(StrategyPhase.Suspended);
              assertThat(condition("sma", Condition.READY).reason()).isEqualTo("Suspended");
              // The fake engines notice the scale to zero on their next tick (every 100 ms).
              assertThat(engines.timeline())
                  .contains("sma drain requested", "sma drained", "sma stopped");
            });
    assertThat(strategy("sma").getStatus().pnl().total())
        .as("the last PnL stays")
        .isEqualTo("10.84");

    edit("sma", spec(TradingMode.Paper, 5, false));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("sma").getSpec().getReplicas()).isEqualTo(1);
              assertThat(engines.started("sma")).isEqualTo(2);
              assertThat(strategy("sma").getStatus().phase()).isEqualTo(StrategyPhase.Running);
            });
    assertThat(engines.violations()).isEmpty();
  }

  @Test
  void aHaltStaysUntilTheResetAnnotationWhichResumesTheEngineAndIsRemoved() {
    readyEnvironmentAndConnection();
    create("sma", spec(TradingMode.Paper, 5, false));
    awaitPhase("sma", StrategyPhase.Running);

    engines.halt("sma", "maxDailyLoss 200 breached: daily loss 201.5");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Strategy s = strategy("sma");
              assertThat(s.getStatus().phase()).isEqualTo(StrategyPhase.Halted);
              assertThat(s.getStatus().haltReason()).contains("maxDailyLoss 200 breached");
              Condition halted = condition("sma", "Halted");
              assertThat(halted.holds()).isTrue();
              assertThat(halted.reason()).isEqualTo("RiskLimitBreached");
            });
    assertThat(engines.phase("sma")).as("the halt stays").isEqualTo("HALTED");
    awaitEvent(e -> e.getReason().equals("Halted") && e.getType().equals("Warning"));

    Conflicts.retry(
        () ->
            client
                .resources(Strategy.class)
                .inNamespace(namespace)
                .withName("sma")
                .edit(
                    s -> {
                      s.getMetadata()
                          .getAnnotations()
                          .put("trading.alphintra.io/reset-halt", "now");
                      return s;
                    }));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Strategy s = strategy("sma");
              assertThat(engines.phase("sma")).isEqualTo("RUNNING");
              assertThat(s.getMetadata().getAnnotations())
                  .doesNotContainKey("trading.alphintra.io/reset-halt");
              assertThat(s.getStatus().phase()).isEqualTo(StrategyPhase.Running);
              assertThat(condition("sma", "Halted").holds()).isFalse();
              assertThat(s.getStatus().haltReason()).isNull();
            });
    assertThat(engines.timeline()).contains("sma resumed");
    awaitEvent(e -> e.getReason().equals("HaltReset"));
  }

  @Test
  void deletingALiveStrategyDrainsItsEngineBeforeTheStrategyGoes() {
    readyEnvironmentAndConnection();
    create("live", spec(TradingMode.Live, 5, false));
    awaitPhase("live", StrategyPhase.Running);
    engines.holdDrain("live", true);

    client.resources(Strategy.class).inNamespace(namespace).withName("live").delete();
    await().atMost(TIMEOUT).until(() -> "DRAINING".equals(engines.phase("live")));
    assertThat(strategy("live")).as("held by its finalizer while draining").isNotNull();
    assertThat(strategy("live").getStatus().drain().reason()).isEqualTo("Delete");

    engines.holdDrain("live", false);
    await().atMost(TIMEOUT).until(() -> strategy("live") == null);
    assertThat(engines.timeline().indexOf("live drained")).isGreaterThan(-1);
  }

  @Test
  void aLiveStrategyStaysPendingWhileItsConnectionIsNotReady() {
    createEnvironment();
    ReadyEnvironment.awaitReady(client, namespace, "dev");
    connector.report(
        "{\"status\":\"DOWN\",\"reason\":\"NOT_CONNECTED\",\"message\":\"venue unreachable\","
            + "\"connected\":false,\"authenticated\":false}");
    createConnection();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                Conditions.find(
                        connection().getStatus() == null
                            ? null
                            : connection().getStatus().conditions(),
                        Condition.READY)
                    .map(c -> !c.holds() && c.reason().equals("NotConnected"))
                    .orElse(false));

    create("live", spec(TradingMode.Live, 5, false));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Strategy s = strategy("live");
              assertThat(s.getStatus()).isNotNull();
              assertThat(s.getStatus().phase()).isEqualTo(StrategyPhase.Pending);
              Condition ready = condition("live", Condition.READY);
              assertThat(ready.reason()).isEqualTo("BrokerConnectionNotReady");
              assertThat(ready.message()).contains("sim").contains("spec.brokerConnectionRef");
            });
    assertThat(deployment("live")).as("nothing starts").isNull();

    connector.report(FakeConnector.HEALTHY);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("live")).isNotNull();
              assertThat(strategy("live").getStatus().phase()).isEqualTo(StrategyPhase.Running);
            });
  }

  /** The row the API server prints for {@code kubectl get strat <name>}, by column name. */
  private Map<String, String> printerColumns(String name) throws Exception {
    var http = client.getHttpClient();
    var request =
        http.newHttpRequestBuilder()
            .uri(
                client.getMasterUrl()
                    + "apis/trading.alphintra.io/v1alpha1/namespaces/"
                    + namespace
                    + "/strategies/"
                    + name)
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
            .build();
    String body = http.sendAsync(request, String.class).get(10, TimeUnit.SECONDS).body();
    JsonNode table = JSON.readTree(body);
    Map<String, String> row = new java.util.LinkedHashMap<>();
    JsonNode cells = table.get("rows").get(0).get("cells");
    JsonNode definitions = table.get("columnDefinitions");
    for (int i = 0; i < definitions.size(); i++) {
      row.put(definitions.get(i).get("name").asText(), cells.get(i).asText());
    }
    return row;
  }

  private void readyEnvironmentAndConnection() {
    createEnvironment();
    ReadyEnvironment.awaitReady(client, namespace, "dev");
    createConnection();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                connection().getStatus() != null
                    && Conditions.find(connection().getStatus().conditions(), Condition.READY)
                        .map(Condition::holds)
                        .orElse(false));
  }

  private void createEnvironment() {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("dev").withNamespace(namespace).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    client.resource(te).create();
  }

  private void createConnection() {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName("sim").withNamespace(namespace).build());
    bc.setSpec(
        new BrokerConnectionSpec(
            new LocalObjectReference("dev"),
            BrokerType.Simulator,
            null,
            null,
            null,
            null,
            List.of("BTCUSDT"),
            null,
            null));
    client.resource(bc).create();
  }

  private static StrategySpec spec(TradingMode mode, int fastPeriod, boolean suspend) {
    return new StrategySpec(
        new LocalObjectReference("dev"),
        new LocalObjectReference("sim"),
        StrategyType.SmaCrossover,
        new SmaCrossoverParameters(fastPeriod, 20, "0.01"),
        null,
        List.of("BTCUSDT"),
        null,
        mode,
        mode == TradingMode.Live ? new RiskLimits("5000", "1000", "200", "10", 60) : null,
        "10000",
        suspend,
        null);
  }

  private void create(String name, StrategySpec spec) {
    Strategy s = new Strategy();
    s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    s.setSpec(spec);
    client.resource(s).create();
  }

  private void edit(String name, StrategySpec spec) {
    Conflicts.retry(
        () ->
            client
                .resources(Strategy.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(
                    s -> {
                      s.setSpec(spec);
                      return s;
                    }));
  }

  private void awaitPhase(String name, StrategyPhase phase) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              Strategy s = strategy(name);
              return s.getStatus() != null && s.getStatus().phase() == phase;
            });
  }

  private Strategy strategy(String name) {
    return client.resources(Strategy.class).inNamespace(namespace).withName(name).get();
  }

  private BrokerConnection connection() {
    return client.resources(BrokerConnection.class).inNamespace(namespace).withName("sim").get();
  }

  private Condition condition(String name, String type) {
    var status = strategy(name).getStatus();
    assertThat(status).as("status").isNotNull();
    return Conditions.find(status.conditions(), type)
        .orElseThrow(() -> new AssertionError("no " + type + " in " + status));
  }

  private Deployment deployment(String strategy) {
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(strategy + "-strategy")
        .get();
  }

  private String templateRevision(String strategy) {
    return deployment(strategy)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(REVISION);
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(namespace).list().getItems();
  }

  /**
   * Waits for an event: the operator records it after the status write the test waited for (the
   * phase's event follows the status commit), so it may land a moment later.
   */
  private void awaitEvent(Predicate<Event> expected) {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(events()).anyMatch(expected));
  }
}
