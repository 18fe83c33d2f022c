package io.alphintra.operator.strategy.model;

import io.alphintra.operator.common.ClusterNetwork;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.List;
import java.util.Map;

/**
 * The engine's pods may reach only their environment's trading-api and auth-service, their own
 * connection's broker-connector, and cluster DNS; only the operator's pods may reach them, on the
 * HTTP port (/status and /control). Without a known operator namespace nobody is admitted.
 */
public final class StrategyNetworkPolicy {
  private StrategyNetworkPolicy() {}

  public static NetworkPolicy of(StrategyInputs in) {
    List<NetworkPolicyIngressRule> ingress =
        in.operatorNamespace() == null
            ? List.of()
            : List.of(
                new NetworkPolicyIngressRuleBuilder()
                    .withPorts(ClusterNetwork.tcp(StrategyResources.HTTP_PORT))
                    .withFrom(operatorPods(in.operatorNamespace()))
                    .build());
    return new NetworkPolicyBuilder()
        .withMetadata(
            Owners.owned(
                in.strategy(), StrategyNames.policy(in.strategy()), StrategyResources.labels(in)))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(StrategyResources.selector(in))
        .endPodSelector()
        .withPolicyTypes("Ingress", "Egress")
        .withIngress(ingress)
        .addNewEgress()
        .withPorts(ClusterNetwork.tcp(StrategyResources.HTTP_PORT))
        .withTo(
            pods(
                Map.of(
                    Labels.ENVIRONMENT,
                    in.environment(),
                    Labels.COMPONENT,
                    Component.TRADING_API.label())),
            pods(
                Map.of(
                    Labels.ENVIRONMENT,
                    in.environment(),
                    Labels.COMPONENT,
                    Component.AUTH_SERVICE.label())),
            pods(
                Map.of(
                    Labels.NAME,
                    Component.BROKER_CONNECTOR.label(),
                    Labels.INSTANCE,
                    in.brokerConnection())))
        .endEgress()
        // The services' addresses are names: without DNS the engine reaches nothing.
        .addToEgress(ClusterNetwork.dnsEgress())
        .endSpec()
        .build();
  }

  /** The operator's pods, chosen by their namespace and the chart's name label. */
  private static NetworkPolicyPeer operatorPods(String namespace) {
    return new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(
            new LabelSelectorBuilder()
                .withMatchLabels(Map.of(ClusterNetwork.NAMESPACE_NAME_LABEL, namespace))
                .build())
        .withPodSelector(
            new LabelSelectorBuilder()
                .withMatchLabels(Map.of(Labels.NAME, Labels.OPERATOR))
                .build())
        .build();
  }

  private static NetworkPolicyPeer pods(Map<String, String> labels) {
    return new NetworkPolicyPeerBuilder()
        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
        .build();
  }
}
