package io.alphintra.operator.it;

import static io.alphintra.operator.common.Reachability.external;
import static io.alphintra.operator.common.Reachability.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.ClusterNetwork;
import io.alphintra.operator.common.Reachability;
import io.alphintra.operator.common.Reachability.Pod;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policies as the API server stores them, read back and evaluated like an enforcing plugin
 * would: the operator's and the monitoring namespace get in, a connector resolves names and reaches
 * its venue's REST and stream ports.
 */
class NetworkPolicyIT extends OnRealApiServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pod OPERATOR =
      pod("alphintra-system", Map.of("app.kubernetes.io/name", "alphintra-operator"));
  private static final Pod PROMETHEUS =
      pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));

  private OperatorMain operator;
  private String namespace;

  @BeforeEach
  void start() {
    namespace = api.newNamespace("netpol");
    // The operator's own namespace holds its secret-digest key.
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("alphintra-system")
                .endMetadata()
                .build())
        .serverSideApply();
    // Health polls go nowhere: this test is about what the policies allow, not what the connector
    // reports.
    operator =
        startOperator(
            namespace,
            (ns, service, port, path) -> URI.create("http://127.0.0.1:9" + path),
            Map.of(
                "ALPHINTRA_OPERATOR_NAMESPACE",
                "alphintra-system",
                "ALPHINTRA_MONITORING_NAMESPACE",
                "monitoring"));
  }

  @AfterEach
  void stop() {
    operator.close();
    client
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            p ->
                System.out.println(
                    "NetworkPolicy " + p.getMetadata().getName() + ": " + p.getSpec()));
  }

  @Test
  void operatorAndMonitoringNamespacesGetInAndAConnectorReachesDnsAndItsVenuesRestAndStreamPorts() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("keys")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(Map.of("apiKey", "k", "secretKey", "s"))
                .build())
        .create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("prod-db")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(
                    Map.of("url", "jdbc:postgresql://db:5432/a", "username", "u", "password", "p"))
                .build())
        .create();
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("desk").withNamespace(namespace).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Staging,
            "1.0.0",
            null,
            null,
            new DatabaseSpec(new DatabaseSecretRef("prod-db", null, null, null), null),
            null,
            null,
            null,
            null));
    client.resource(te).create();
    // In the order a user acts: the environment first, then the connection that names it.
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName("binance").withNamespace(namespace).build());
    bc.setSpec(
        new BrokerConnectionSpec(
            new LocalObjectReference("desk"),
            BrokerType.Binance,
            "https://api.binance.com",
            null,
            new CredentialsSecretRef("keys", null, null),
            null,
            List.of("BTCUSDT"),
            null,
            null));
    client.resource(bc).create();

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                deployment("desk-trading-api-blue") != null
                    && deployment("binance-connector") != null
                    && policy("desk-allow-operator")
                    && policy("desk-allow-monitoring")
                    && policy("binance-connector-egress"));
    var graph =
        new Reachability(
            client.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
    Pod tradingApi =
        pod(
            namespace,
            deployment("desk-trading-api-blue").getSpec().getTemplate().getMetadata().getLabels());
    Pod connector =
        pod(
            namespace,
            deployment("binance-connector").getSpec().getTemplate().getMetadata().getLabels());

    assertThat(graph.tcp(OPERATOR, tradingApi, 8080)).isTrue();
    assertThat(graph.tcp(OPERATOR, connector, 8080)).isTrue();
    assertThat(graph.tcp(PROMETHEUS, tradingApi, 8080)).isTrue();
    assertThat(graph.tcp(pod("tenant", Map.of()), tradingApi, 8080)).isFalse();
    assertThat(graph.udp(connector, pod(ClusterNetwork.DNS_NAMESPACE, ClusterNetwork.DNS_PODS), 53))
        .isTrue();
    assertThat(graph.tcp(connector, external("203.0.113.10"), 443)).isTrue();
    assertThat(graph.tcp(connector, external("203.0.113.10"), 9443)).isTrue();
    assertThat(
            deployment("binance-connector")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .filteredOn(e -> e.getName().equals("ALPHINTRA_BROKER_STREAM_ENDPOINT"))
        .extracting(EnvVar::getValue)
        .containsExactly("wss://stream.binance.com:9443");
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  private boolean policy(String name) {
    return client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get()
        != null;
  }
}
