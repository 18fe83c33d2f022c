package io.alphintra.operator.strategy.model;

import static io.alphintra.operator.strategy.model.Strategies.inputs;
import static io.alphintra.operator.strategy.model.Strategies.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyNetworkPolicyTest {

  @Test
  void theEngineReachesItsEnvironmentsServicesItsConnectorAndDnsOnly() {
    NetworkPolicy policy = StrategyNetworkPolicy.of(inputs(strategy(Strategies.paper())));

    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .isEqualTo(Map.of(Labels.NAME, "strategy", Labels.INSTANCE, "sma-btc"));
    var egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(2);
    assertThat(egress.get(0).getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getPort().getIntVal()).isEqualTo(8080);
              assertThat(p.getProtocol()).isEqualTo("TCP");
            });
    List<Map<String, String>> peers =
        egress.get(0).getTo().stream().map(p -> p.getPodSelector().getMatchLabels()).toList();
    assertThat(peers)
        .containsExactly(
            Map.of(Labels.ENVIRONMENT, "dev", Labels.COMPONENT, "trading-api"),
            Map.of(Labels.ENVIRONMENT, "dev", Labels.COMPONENT, "auth-service"),
            Map.of(Labels.NAME, "broker-connector", Labels.INSTANCE, "sim"));
    assertThat(egress.get(0).getTo()).allSatisfy(p -> assertThat(p.getIpBlock()).isNull());
    assertThat(egress.get(1).getPorts()).extracting(p -> p.getPort().getIntVal()).containsOnly(53);
  }

  @Test
  void onlyTheOperatorsPodsMayCallTheEngine() {
    NetworkPolicy policy = StrategyNetworkPolicy.of(inputs(strategy(Strategies.paper())));

    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getPorts())
                  .extracting(p -> p.getPort().getIntVal())
                  .containsExactly(8080);
              NetworkPolicyPeer from = rule.getFrom().get(0);
              assertThat(rule.getFrom()).hasSize(1);
              assertThat(from.getNamespaceSelector().getMatchLabels())
                  .isEqualTo(Map.of("kubernetes.io/metadata.name", "alphintra-system"));
              assertThat(from.getPodSelector().getMatchLabels())
                  .isEqualTo(Map.of(Labels.NAME, "alphintra-operator"));
            });
  }

  @Test
  void withoutAKnownOperatorNamespaceNobodyIsAdmitted() {
    var in =
        new StrategyInputs(strategy(Strategies.paper()), "dev", "1.4.2", "registry.test", null);
    NetworkPolicy policy = StrategyNetworkPolicy.of(in);
    assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
    assertThat(policy.getSpec().getIngress()).isEmpty();
  }
}
