package io.alphintra.operator.broker.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import io.alphintra.api.v1alpha1.FaultInjection;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.SimulatedMarket;
import io.alphintra.api.v1alpha1.SimulatorSpec;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.PodAnnotations;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BrokerResourcesTest {

  private static BrokerInputs inputs(BrokerConnectionSpec spec) {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(
        new ObjectMetaBuilder().withName("sim").withNamespace("desk").withUid("bc-uid").build());
    bc.setSpec(spec);
    return new BrokerInputs(bc, "dev", "1.4.2", "1.4.2", "registry.test/alphintra", "hash-1");
  }

  private static BrokerConnectionSpec simulatorSpec(SimulatorSpec simulator) {
    return new BrokerConnectionSpec(
        new LocalObjectReference("dev"),
        BrokerType.Simulator,
        null,
        null,
        null,
        null,
        List.of("BTCUSDT"),
        null,
        simulator);
  }

  private static Deployment deployment(List<HasMetadata> all, String name) {
    return all.stream()
        .filter(o -> o instanceof Deployment && o.getMetadata().getName().equals(name))
        .map(Deployment.class::cast)
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, EnvVar> env(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e));
  }

  @Test
  void simulatorConnectionRunsASimulatorAndAConnectorSharingGeneratedCredentials() {
    var spec =
        simulatorSpec(
            new SimulatorSpec(
                List.of(new SimulatedMarket("BTCUSDT", "65000", "0.01", "0.00001", "60")),
                7L,
                5,
                new FaultInjection("0.5", "1", null)));
    var all = BrokerResources.desired(inputs(spec));

    var connector = env(deployment(all, "sim-connector"));
    assertThat(connector.get("ALPHINTRA_BROKER_ENDPOINT").getValue())
        .isEqualTo("http://sim-simulator:8080");
    assertThat(connector.get("ALPHINTRA_BROKER_API_KEY").getValue()).isNull();
    assertThat(connector.get("ALPHINTRA_BROKER_API_KEY").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("sim-simulator-credentials");
    var simulator = env(deployment(all, "sim-simulator"));
    assertThat(
            simulator
                .get("ALPHINTRA_SIMULATOR_ACCOUNTS_0_SECRETKEY")
                .getValueFrom()
                .getSecretKeyRef()
                .getName())
        .isEqualTo("sim-simulator-credentials");
    assertThat(simulator.get("ALPHINTRA_SIMULATOR_SYMBOLS_0_BASEASSET").getValue())
        .isEqualTo("BTC");
    assertThat(simulator.get("ALPHINTRA_SIMULATOR_SYMBOLS_0_QUOTEASSET").getValue())
        .isEqualTo("USDT");
    assertThat(simulator.get("ALPHINTRA_SIMULATOR_SYMBOLS_0_VOLATILITY").getValue())
        .isEqualTo("0.6");
    assertThat(simulator.get("ALPHINTRA_SIMULATOR_FAULTS_SERVERERRORRATE").getValue())
        .isEqualTo("0.005");
    assertThat(simulator.get("ALPHINTRA_SIMULATOR_SEED").getValue()).isEqualTo("7");
    assertThat(
            deployment(all, "sim-connector").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PodAnnotations.SECRET_HASH, "hash-1");
    assertThat(deployment(all, "sim-connector").getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment(all, "sim-connector").getSpec().getStrategy().getType())
        .isEqualTo("Recreate");
    assertThat(deployment(all, "sim-connector").getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.ENVIRONMENT, "dev")
        .containsEntry(Labels.COMPONENT, Component.BROKER_CONNECTOR.label());
  }

  @Test
  void simulatorKeepsItsOwnVersionWhileTheConnectorRunsTheEnvironments() {
    BrokerConnection bc = inputs(simulatorSpec(null)).connection();
    var all =
        BrokerResources.desired(
            new BrokerInputs(bc, "dev", "1.5.0", "1.4.2", "registry.test/alphintra", "hash-1"));

    assertThat(deployment(all, "sim-connector").getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .extracting(c -> c.getImage())
        .isEqualTo("registry.test/alphintra/broker-connector:1.5.0");
    var simulator = deployment(all, "sim-simulator");
    assertThat(simulator.getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .extracting(c -> c.getImage())
        .isEqualTo("registry.test/alphintra/broker-simulator:1.4.2");
    assertThat(simulator.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.VERSION, "1.4.2");
  }

  @Test
  void externalVenueConnectorReadsTheUsersSecretAndMayOnlyReachTheVenuePort() {
    var spec =
        new BrokerConnectionSpec(
            new LocalObjectReference("dev"),
            BrokerType.Binance,
            "https://api.binance.com",
            null,
            new CredentialsSecretRef("binance", "key", "secret"),
            null,
            List.of("ETHUSDT"),
            2,
            null);
    var all = BrokerResources.desired(inputs(spec));

    assertThat(all).noneMatch(o -> o.getMetadata().getName().equals("sim-simulator"));
    var connector = deployment(all, "sim-connector");
    // One writer per account: replicas 2 (stored before admission limited it to 1) still runs one
    // connector, and an
    // update stops the old pod before the new one starts.
    assertThat(connector.getSpec().getReplicas()).isEqualTo(1);
    assertThat(connector.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(connector.getSpec().getStrategy().getRollingUpdate()).isNull();
    assertThat(
            env(connector)
                .get("ALPHINTRA_BROKER_SECRET_KEY")
                .getValueFrom()
                .getSecretKeyRef()
                .getKey())
        .isEqualTo("secret");
    var policy =
        all.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(policy.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(443);
    assertThat(all)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getOwnerReferences().get(0).getUid())
                    .isEqualTo("bc-uid"));
  }

  @Test
  void quoteAssetIsTheLongestKnownSuffix() {
    assertThat(SimulatorWorkload.quoteOf("BTCUSDT")).isEqualTo("USDT");
    assertThat(SimulatorWorkload.quoteOf("ETHBTC")).isEqualTo("BTC");
    assertThat(SimulatorWorkload.quoteOf("BTCFDUSD")).isEqualTo("FDUSD");
  }
}
