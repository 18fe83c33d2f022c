package io.alphintra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.ResourceAmounts;
import io.alphintra.api.v1alpha1.ServiceSpec;
import io.alphintra.api.v1alpha1.ServicesSpec;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.OperatorMain;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * trading-api's connectors file follows the BrokerConnections of its environment as a user creates,
 * deletes and moves them, against a real kube-apiserver, without touching trading-api's pods.
 */
class TradingApiConnectorsIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String FILE = "connectors.properties";

  private OperatorMain operator;
  private String namespace;

  @BeforeEach
  void start() {
    namespace = api.newNamespace("conn");
    operator = startOperator(namespace, null);
  }

  @AfterEach
  void stop() {
    operator.close();
    client
        .resources(TradingEnvironment.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            te ->
                System.out.println(
                    "TradingEnvironment "
                        + te.getMetadata().getName()
                        + " status: "
                        + te.getStatus()));
  }

  @Test
  void connectorsFileFollowsTheConnectionsWhileTradingApisPodTemplateStaysTheSame() {
    createEnvironment();
    ReadyEnvironment.awaitReady(client, namespace, "desk");
    await().atMost(TIMEOUT).until(() -> connectorsFile() != null);
    assertThat(connectorsFile()).isEmpty();
    Deployment before = tradingApi();
    assertThat(before.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getConfigMap() != null)
        .extracting(v -> v.getConfigMap().getName())
        .containsExactly("desk-trading-connectors");

    createConnection("sim-a", "desk");
    awaitConnectorsFile("sim-a=http://sim-a-connector:8080\n");
    assertPodTemplateUnchanged(before);

    createConnection("sim-b", "desk");
    // A connection of another environment is not trading-api's business.
    createConnection("elsewhere", "other-desk");
    awaitConnectorsFile("sim-a=http://sim-a-connector:8080\nsim-b=http://sim-b-connector:8080\n");
    assertPodTemplateUnchanged(before);

    client.resources(BrokerConnection.class).inNamespace(namespace).withName("sim-a").delete();
    awaitConnectorsFile("sim-b=http://sim-b-connector:8080\n");
    assertPodTemplateUnchanged(before);

    // Moving a connection to another environment takes it out of this one's file too, also once
    // the connection has settled (no event of its own left to reconcile the environment by).
    awaitSettled("sim-b");
    Conflicts.retry(
        () ->
            client
                .resources(BrokerConnection.class)
                .inNamespace(namespace)
                .withName("sim-b")
                .edit(
                    bc -> {
                      bc.setSpec(spec("other-desk"));
                      return bc;
                    }));
    awaitConnectorsFile("");
    assertPodTemplateUnchanged(before);

    // A change the user does make to trading-api's pods is reconciled after all of the above: when
    // it arrives, the Deployment's only template change since the start is this one.
    Conflicts.retry(
        () ->
            client
                .resources(TradingEnvironment.class)
                .inNamespace(namespace)
                .withName("desk")
                .edit(
                    te -> {
                      te.setSpec(environmentSpec(moreMemory()));
                      return te;
                    }));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                new Quantity("768Mi")
                    .equals(
                        tradingApi()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getResources()
                            .getLimits()
                            .get("memory")));
    Deployment after = tradingApi();
    assertThat(after.getMetadata().getGeneration())
        .isEqualTo(before.getMetadata().getGeneration() + 1);
    PodTemplateSpec expected = before.getSpec().getTemplate();
    expected
        .getSpec()
        .getContainers()
        .get(0)
        .setResources(
            after.getSpec().getTemplate().getSpec().getContainers().get(0).getResources());
    assertThat(after.getSpec().getTemplate()).isEqualTo(expected);
  }

  private void assertPodTemplateUnchanged(Deployment before) {
    Deployment now = tradingApi();
    assertThat(now.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    assertThat(now.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
  }

  private void awaitSettled(String connection) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var bc =
                  client
                      .resources(BrokerConnection.class)
                      .inNamespace(namespace)
                      .withName(connection)
                      .get();
              return bc.getStatus() != null
                  && bc.getMetadata().getGeneration().equals(bc.getStatus().observedGeneration());
            });
  }

  private void awaitConnectorsFile(String content) {
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(connectorsFile()).isEqualTo(content));
  }

  private String connectorsFile() {
    ConfigMap map =
        client.configMaps().inNamespace(namespace).withName("desk-trading-connectors").get();
    return map == null ? null : map.getData().get(FILE);
  }

  private Deployment tradingApi() {
    return client.apps().deployments().inNamespace(namespace).withName("desk-trading-api").get();
  }

  private void createEnvironment() {
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("desk").withNamespace(namespace).build());
    te.setSpec(environmentSpec(null));
    client.resource(te).create();
  }

  private static TradingEnvironmentSpec environmentSpec(ServicesSpec services) {
    return new TradingEnvironmentSpec(
        Tier.Development, "1.0.0", null, services, null, null, null, null, null);
  }

  private static ServicesSpec moreMemory() {
    return new ServicesSpec(
        null,
        new ServiceSpec(
            null,
            new ComputeResources(
                new ResourceAmounts("100m", "256Mi"), new ResourceAmounts("1", "768Mi")),
            null));
  }

  private void createConnection(String name, String environment) {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    bc.setSpec(spec(environment));
    client.resource(bc).create();
  }

  /** A Simulator connection (its credentials are generated) of {@code environment}. */
  private static BrokerConnectionSpec spec(String environment) {
    return new BrokerConnectionSpec(
        new LocalObjectReference(environment),
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
