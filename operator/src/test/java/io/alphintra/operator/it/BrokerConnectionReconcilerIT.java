package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.PodAnnotations;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BrokerConnection reconciler against a real kube-apiserver; a local HTTP server stands in for
 * the connector.
 */
class BrokerConnectionReconcilerIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private FakeConnector connector;
  private OperatorMain operator;
  private String namespace;

  @BeforeEach
  void start() {
    namespace = api.newNamespace("bc");
    connector = FakeConnector.start();
    connector.report(
        "{\"status\":\"UP\",\"connected\":true,\"authenticated\":true,\"roundTripLatencyMillis\":12,"
            + "\"usedWeight\":40,\"endpoint\":\"https://venue.test\",\"lastError\":null}");
    operator = startOperator(namespace, connector.endpoints());
  }

  @AfterEach
  void stop() {
    operator.close();
    connector.close();
    client
        .resources(BrokerConnection.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            bc ->
                System.out.println(
                    "BrokerConnection "
                        + bc.getMetadata().getName()
                        + " status: "
                        + bc.getStatus()));
  }

  @Test
  void simulatorConnectionGetsConnectorSimulatorAndStableGeneratedCredentials() {
    createEnvironment();
    create("sim", simulatorSpec());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("sim-connector")).isNotNull();
              assertThat(deployment("sim-simulator")).isNotNull();
              assertThat(client.services().inNamespace(namespace).withName("sim-simulator").get())
                  .isNotNull();
              assertThat(
                      client
                          .network()
                          .v1()
                          .networkPolicies()
                          .inNamespace(namespace)
                          .withName("sim-connector-egress")
                          .get())
                  .isNotNull();
            });
    var secret =
        client.secrets().inNamespace(namespace).withName("sim-simulator-credentials").get();
    assertThat(secret.getMetadata().getOwnerReferences().get(0).getKind())
        .isEqualTo("BrokerConnection");
    assertThat(
            deployment("sim-connector")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("registry.test/alphintra/broker-connector:1.0.0");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var status = connection("sim").getStatus();
              assertThat(condition("sim", "Connected").status()).isEqualTo(ConditionStatus.True);
              assertThat(condition("sim", "Authenticated").status())
                  .isEqualTo(ConditionStatus.True);
              assertThat(condition("sim", Condition.READY).status())
                  .isEqualTo(ConditionStatus.True);
              assertThat(status.latencyMillis()).isEqualTo(12L);
              assertThat(status.usedWeight()).isEqualTo(40);
              assertThat(status.resolvedEndpoint()).isEqualTo("https://venue.test");
            });
    assertThat(
            client
                .secrets()
                .inNamespace(namespace)
                .withName("sim-simulator-credentials")
                .get()
                .getData())
        .isEqualTo(secret.getData());
  }

  @Test
  void releaseMovesTheConnectorButNeverRestartsTheSimulatorUntilItsDeploymentIsDeleted() {
    createEnvironment();
    create("sim", simulatorSpec());
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(image("sim-connector")).endsWith("/broker-connector:1.0.0");
              assertThat(image("sim-simulator")).endsWith("/broker-simulator:1.0.0");
            });
    long simulatorGeneration = deployment("sim-simulator").getMetadata().getGeneration();

    client
        .resources(TradingEnvironment.class)
        .inNamespace(namespace)
        .withName("dev")
        .edit(
            te -> {
              var spec = te.getSpec();
              te.setSpec(
                  new TradingEnvironmentSpec(
                      spec.tier(),
                      "1.1.0",
                      spec.imageRegistry(),
                      spec.services(),
                      spec.database(),
                      spec.rollout(),
                      spec.networkPolicy(),
                      spec.monitoring(),
                      spec.paused()));
              return te;
            });

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(image("sim-connector")).endsWith("/broker-connector:1.1.0"));
    // The venue keeps its book: same image, same pod template, no new generation.
    assertThat(image("sim-simulator")).endsWith("/broker-simulator:1.0.0");
    assertThat(deployment("sim-simulator").getMetadata().getGeneration())
        .isEqualTo(simulatorGeneration);
    assertThat(deployment("sim-simulator").getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/version", "1.0.0");

    // Deleting the simulator's Deployment is how a user moves the venue to the release.
    String uid = deployment("sim-simulator").getMetadata().getUid();
    client.apps().deployments().inNamespace(namespace).withName("sim-simulator").delete();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Deployment simulator = deployment("sim-simulator");
              assertThat(simulator).isNotNull();
              assertThat(simulator.getMetadata().getUid()).isNotEqualTo(uid);
              assertThat(image("sim-simulator")).endsWith("/broker-simulator:1.1.0");
            });
  }

  private String image(String deployment) {
    Deployment found = deployment(deployment);
    assertThat(found).as(deployment).isNotNull();
    return found.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  @Test
  void missingCredentialsAreReportedByNameAndRecoverAndRotationRollsTheConnector() {
    createEnvironment();
    create(
        "binance",
        new BrokerConnectionSpec(
            new LocalObjectReference("dev"),
            BrokerType.Binance,
            "https://api.venue.test",
            null,
            new CredentialsSecretRef("venue-keys", null, null),
            null,
            List.of("BTCUSDT"),
            null,
            null));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Condition ready = condition("binance", Condition.READY);
              assertThat(ready.reason()).isEqualTo("CredentialsMissing");
              assertThat(ready.message())
                  .contains("venue-keys")
                  .contains("apiKey")
                  .contains("secretKey");
            });
    assertThat(deployment("binance-connector")).isNull();

    String secretValue = "do-not-leak-" + System.nanoTime();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("venue-keys")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(Map.of("apiKey", "key-1", "secretKey", secretValue))
                .build())
        .create();
    await().atMost(TIMEOUT).until(() -> deployment("binance-connector") != null);
    String hash = hash("binance-connector");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(condition("binance", Condition.READY).holds()).isTrue());
    assertThat(connection("binance").getStatus().toString()).doesNotContain(secretValue);
    assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .noneMatch(e -> String.valueOf(e.getMessage()).contains(secretValue));

    client
        .secrets()
        .inNamespace(namespace)
        .withName("venue-keys")
        .edit(
            s -> {
              s.getData()
                  .put(
                      "secretKey",
                      Base64.getEncoder()
                          .encodeToString("rotated".getBytes(StandardCharsets.UTF_8)));
              return s;
            });
    await().atMost(TIMEOUT).until(() -> !hash.equals(hash("binance-connector")));
  }

  @Test
  void connectorReportingDownWithRejectedCredentialsIsNotAuthenticated() {
    createEnvironment();
    create("sim", simulatorSpec());
    connector.report(
        "{\"status\":\"DOWN\",\"connected\":true,\"authenticated\":false,\"roundTripLatencyMillis\":9,"
            + "\"usedWeight\":1,\"endpoint\":\"http://sim-simulator:8080\",\"lastError\":{\"message\":\"-2015 Invalid API-key\"}}");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(condition("sim", "Connected").status()).isEqualTo(ConditionStatus.True);
              assertThat(condition("sim", "Authenticated").status())
                  .isEqualTo(ConditionStatus.False);
              assertThat(condition("sim", "Authenticated").message())
                  .contains("-2015 Invalid API-key");
              assertThat(condition("sim", Condition.READY).reason()).isEqualTo("NotAuthenticated");
            });
  }

  @Test
  void unreachableHealthEndpointIsUnknownNotAnError() {
    createEnvironment();
    create("sim", simulatorSpec());
    // untilAsserted: the status does not exist yet on the first polls, and condition() asserts that
    // it does.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(condition("sim", Condition.READY).holds()).isTrue());

    connector.close();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(condition("sim", "Connected").status()).isEqualTo(ConditionStatus.Unknown);
              assertThat(condition("sim", Condition.READY).reason()).isEqualTo("ConnectorNotReady");
            });
  }

  @Test
  void missingEnvironmentIsReportedAndRecoversWhenItAppears() {
    create("sim", simulatorSpec());
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(condition("sim", Condition.READY).reason())
                    .isEqualTo("EnvironmentNotFound"));

    createEnvironment();
    await().atMost(TIMEOUT).until(() -> deployment("sim-connector") != null);
  }

  @Test
  void connectionCreatedAfterItsEnvironmentIsReadyGetsItsConnector() {
    createEnvironment();
    ReadyEnvironment.awaitReady(client, namespace, "dev");

    create("sim", simulatorSpec());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("sim-connector")).isNotNull();
              assertThat(deployment("sim-simulator")).isNotNull();
              assertThat(condition("sim", Condition.READY).holds()).isTrue();
            });
  }

  @Test
  void connectionCreatedAfterItsEnvironmentAndCredentialsSecretUsesThem() {
    createEnvironment();
    ReadyEnvironment.awaitReady(client, namespace, "dev");
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("venue-keys")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(Map.of("apiKey", "key-1", "secretKey", "secret-1"))
                .build())
        .create();

    create(
        "binance",
        new BrokerConnectionSpec(
            new LocalObjectReference("dev"),
            BrokerType.Binance,
            "https://api.venue.test",
            null,
            new CredentialsSecretRef("venue-keys", null, null),
            null,
            List.of("BTCUSDT"),
            null,
            null));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(deployment("binance-connector")).isNotNull();
              assertThat(hash("binance-connector")).isNotEmpty();
              assertThat(condition("binance", Condition.READY).holds()).isTrue();
            });
  }

  private void createEnvironment() {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("dev").withNamespace(namespace).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Development, "1.0.0", null, null, null, null, null, null, null));
    client.resource(te).create();
  }

  private void create(String name, BrokerConnectionSpec spec) {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    bc.setSpec(spec);
    client.resource(bc).create();
  }

  private BrokerConnection connection(String name) {
    return client.resources(BrokerConnection.class).inNamespace(namespace).withName(name).get();
  }

  private Condition condition(String name, String type) {
    var status = connection(name).getStatus();
    assertThat(status).as("status").isNotNull();
    return Conditions.find(status.conditions(), type)
        .orElseThrow(() -> new AssertionError("no " + type + " in " + status));
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private String hash(String deployment) {
    return deployment(deployment)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(PodAnnotations.SECRET_HASH);
  }

  /** A Simulator connection of the environment {@code dev} listing BTCUSDT, all else defaulted. */
  private static BrokerConnectionSpec simulatorSpec() {
    return new BrokerConnectionSpec(
        new LocalObjectReference("dev"),
        BrokerType.Simulator,
        null,
        null,
        null,
        null,
        List.of("BTCUSDT"),
        null,
        null);
  }
}
