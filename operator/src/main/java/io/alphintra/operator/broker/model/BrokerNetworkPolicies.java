package io.alphintra.operator.broker.model;

import io.alphintra.operator.common.Labels;
import io.alphintra.operator.environment.model.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The connector may reach only its broker: the simulator's pods for a Simulator connection, the venue's port for
 * an external one (its address is a name the policy cannot resolve). The simulator accepts only its connector.
 */
final class BrokerNetworkPolicies {
  private BrokerNetworkPolicies() {}

  static List<NetworkPolicy> all(BrokerInputs in) {
    List<NetworkPolicy> policies = new ArrayList<>();
    var egress = new NetworkPolicyBuilder()
        .withMetadata(Owners.owned(in.connection(), BrokerNames.connectorPolicy(in.connection()),
            BrokerResources.labels(in, "network-policy")))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(BrokerResources.selector(in, Labels.BROKER_CONNECTOR)).endPodSelector()
        .withPolicyTypes("Egress")
        .addNewEgress()
        .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(venuePort(in))).build())
        .withTo(in.simulated()
            ? new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder()
                .withMatchLabels(BrokerResources.selector(in, Labels.BROKER_SIMULATOR)).build()).build()
            : new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0").endIpBlock().build())
        .endEgress()
        .endSpec()
        .build();
    policies.add(egress);
    if (in.simulated()) {
      policies.add(new NetworkPolicyBuilder()
          .withMetadata(Owners.owned(in.connection(), BrokerNames.simulatorPolicy(in.connection()),
              BrokerResources.labels(in, "network-policy")))
          .withNewSpec()
          .withNewPodSelector().withMatchLabels(BrokerResources.selector(in, Labels.BROKER_SIMULATOR)).endPodSelector()
          .withPolicyTypes("Ingress")
          .addNewIngress()
          .withPorts(new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(BrokerResources.HTTP_PORT)).build())
          .withFrom(new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelectorBuilder()
              .withMatchLabels(BrokerResources.selector(in, Labels.BROKER_CONNECTOR)).build()).build())
          .endIngress()
          .endSpec()
          .build());
    }
    return policies;
  }

  /** The port of the venue URL: explicit, or 443/80 by scheme. */
  static int venuePort(BrokerInputs in) {
    URI uri = URI.create(in.endpoint());
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "http".equals(uri.getScheme()) ? 80 : 443;
  }
}
