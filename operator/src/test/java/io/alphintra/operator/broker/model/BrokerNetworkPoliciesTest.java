package io.alphintra.operator.broker.model;

import static io.alphintra.operator.common.Reachability.external;
import static io.alphintra.operator.common.Reachability.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.operator.common.ClusterNetwork;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Reachability;
import io.alphintra.operator.common.Reachability.External;
import io.alphintra.operator.common.Reachability.Pod;
import io.alphintra.operator.environment.model.AdmittedNamespaces;
import io.alphintra.operator.environment.model.EnvironmentResources;
import io.alphintra.operator.environment.model.Environments;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a connection's policies let its connector and simulator reach, alone and inside an
 * environment's graph.
 */
class BrokerNetworkPoliciesTest {
  /** Where Environments puts its environment "desk"; connections live next to it. */
  private static final String NAMESPACE = "trading";

  private static final External VENUE = external("203.0.113.10");
  private static final Pod CLUSTER_DNS = pod(ClusterNetwork.DNS_NAMESPACE, ClusterNetwork.DNS_PODS);
  private static final Pod FAKE_DNS = pod("tenant", ClusterNetwork.DNS_PODS);
  private static final Pod OPERATOR =
      pod("alphintra-system", Map.of(Labels.NAME, "alphintra-operator"));

  private static BrokerInputs inputs(BrokerConnectionSpec spec) {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(
        new ObjectMetaBuilder().withName("sim").withNamespace(NAMESPACE).withUid("bc-uid").build());
    bc.setSpec(spec);
    return new BrokerInputs(bc, "desk", "1.4.2", "1.4.2", "registry.test/alphintra", "hash-1");
  }

  private static BrokerConnectionSpec binance(String endpoint, String streamEndpoint) {
    return new BrokerConnectionSpec(
        new LocalObjectReference("desk"),
        BrokerType.Binance,
        endpoint,
        streamEndpoint,
        new CredentialsSecretRef("keys", null, null),
        null,
        List.of("BTCUSDT"),
        null,
        null);
  }

  private static BrokerConnectionSpec simulator() {
    return new BrokerConnectionSpec(
        new LocalObjectReference("desk"),
        BrokerType.Simulator,
        null,
        null,
        null,
        null,
        List.of("BTCUSDT"),
        null,
        null);
  }

  @Test
  void binanceConnectorStreamsFromBinancesStreamHostAndReachesItsRestAndStreamPortsAndClusterDns() {
    var all = BrokerResources.desired(inputs(binance("https://api.binance.com", null)));
    var graph = graph(all);
    Pod connector = podOf(all, "sim-connector");

    assertThat(env(all, "sim-connector", "ALPHINTRA_BROKER_STREAM_ENDPOINT"))
        .isEqualTo("wss://stream.binance.com:9443");
    assertThat(graph.tcp(connector, VENUE, 443)).as("REST").isTrue();
    assertThat(graph.tcp(connector, VENUE, 9443)).as("market streams").isTrue();
    assertThat(graph.tcp(connector, VENUE, 80)).isFalse();
    assertThat(graph.udp(connector, CLUSTER_DNS, 53)).isTrue();
    assertThat(graph.tcp(connector, CLUSTER_DNS, 53)).isTrue();
    assertThat(graph.udp(connector, FAKE_DNS, 53))
        .as("a pod labelled like DNS in another namespace")
        .isFalse();
  }

  @Test
  void anotherVenueStreamsFromItsOwnHostUnlessTheSpecNamesTheStreamEndpoint() {
    var derived = BrokerResources.desired(inputs(binance("https://testnet.binance.vision", null)));
    var named =
        BrokerResources.desired(
            inputs(
                binance(
                    "https://testnet.binance.vision", "wss://stream.testnet.binance.vision:9443")));

    assertThat(env(derived, "sim-connector", "ALPHINTRA_BROKER_STREAM_ENDPOINT"))
        .isEqualTo("wss://testnet.binance.vision");
    assertThat(graph(derived).tcp(podOf(derived, "sim-connector"), VENUE, 9443)).isFalse();
    assertThat(env(named, "sim-connector", "ALPHINTRA_BROKER_STREAM_ENDPOINT"))
        .isEqualTo("wss://stream.testnet.binance.vision:9443");
    assertThat(graph(named).tcp(podOf(named, "sim-connector"), VENUE, 9443)).isTrue();
    assertThat(graph(named).tcp(podOf(named, "sim-connector"), VENUE, 443)).isTrue();
  }

  @Test
  void simulatorConnectorStreamsFromTheSimulatorServiceAndReachesNothingElseButDns() {
    var all = BrokerResources.desired(inputs(simulator()));
    var graph = graph(all);
    Pod connector = podOf(all, "sim-connector");
    Pod simulator = podOf(all, "sim-simulator");

    assertThat(env(all, "sim-connector", "ALPHINTRA_BROKER_STREAM_ENDPOINT"))
        .isEqualTo("ws://sim-simulator:8080");
    assertThat(graph.tcp(connector, simulator, BrokerResources.HTTP_PORT)).isTrue();
    assertThat(graph.tcp(connector, VENUE, 443)).isFalse();
    assertThat(graph.udp(connector, CLUSTER_DNS, 53)).isTrue();
    assertThat(
            graph.tcp(
                pod(NAMESPACE, Labels.of("desk", Component.TRADING_API, "1.4.2")),
                simulator,
                BrokerResources.HTTP_PORT))
        .isFalse();
  }

  @Test
  void operatorHealthPollsReachTheConnectorOfAnEnvironmentWithNetworkPolicies() {
    var connection = BrokerResources.desired(inputs(simulator()));
    Pod connector = podOf(connection, "sim-connector");
    Pod tradingApi = pod(NAMESPACE, Labels.of("desk", Component.TRADING_API, "1.4.2"));
    var admitted =
        graph(
            Stream.concat(
                    connection.stream(),
                    EnvironmentResources.desired(
                        Environments.inputs(
                            Environments.of(Tier.Staging),
                            false,
                            new AdmittedNamespaces("alphintra-system", null)))
                        .stream())
                .toList());
    var notAdmitted =
        graph(
            Stream.concat(
                    connection.stream(),
                    EnvironmentResources.desired(
                        Environments.inputs(Environments.of(Tier.Staging), false))
                        .stream())
                .toList());

    assertThat(admitted.tcp(OPERATOR, connector, BrokerResources.HTTP_PORT)).isTrue();
    assertThat(admitted.tcp(tradingApi, connector, BrokerResources.HTTP_PORT)).isTrue();
    assertThat(
            admitted.tcp(connector, podOf(connection, "sim-simulator"), BrokerResources.HTTP_PORT))
        .isTrue();
    assertThat(notAdmitted.tcp(OPERATOR, connector, BrokerResources.HTTP_PORT)).isFalse();
  }

  private static Reachability graph(List<HasMetadata> all) {
    return new Reachability(
        all.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .toList());
  }

  private static Deployment deployment(List<HasMetadata> all, String name) {
    return all.stream()
        .filter(o -> o instanceof Deployment && o.getMetadata().getName().equals(name))
        .map(Deployment.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static Pod podOf(List<HasMetadata> all, String deployment) {
    return pod(
        NAMESPACE, deployment(all, deployment).getSpec().getTemplate().getMetadata().getLabels());
  }

  private static String env(List<HasMetadata> all, String deployment, String name) {
    List<EnvVar> env =
        deployment(all, deployment)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv();
    return env.stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .map(EnvVar::getValue)
        .orElse(null);
  }
}
