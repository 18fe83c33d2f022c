package io.alphintra.operator.broker.model;

import io.alphintra.operator.common.ClusterNetwork;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Owners;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The connector may reach only cluster DNS and its broker: the simulator's pods for a Simulator
 * connection, the venue's REST and stream ports for an external one (its addresses are names a
 * policy cannot resolve). The simulator accepts only its connector. Who may reach the connector is
 * the environment's graph's business.
 */
final class BrokerNetworkPolicies {
  private BrokerNetworkPolicies() {}

  static List<NetworkPolicy> all(BrokerInputs in) {
    List<NetworkPolicy> policies = new ArrayList<>();
    List<NetworkPolicyPort> venuePorts =
        new TreeSet<>(List.of(port(in.endpoint()), port(in.streamEndpoint())))
            .stream().map(ClusterNetwork::tcp).toList();
    NetworkPolicyPeer venue =
        in.simulated()
            ? new NetworkPolicyPeerBuilder()
                .withPodSelector(
                    new LabelSelectorBuilder()
                        .withMatchLabels(BrokerResources.selector(in, Component.BROKER_SIMULATOR))
                        .build())
                .build()
            : new NetworkPolicyPeerBuilder()
                .withNewIpBlock()
                .withCidr("0.0.0.0/0")
                .endIpBlock()
                .build();
    policies.add(
        new NetworkPolicyBuilder()
            .withMetadata(
                Owners.owned(
                    in.connection(),
                    BrokerNames.connectorPolicy(in.connection()),
                    BrokerResources.labels(in, Component.NETWORK_POLICY)))
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(BrokerResources.selector(in, Component.BROKER_CONNECTOR))
            .endPodSelector()
            .withPolicyTypes("Egress")
            .addNewEgress()
            .withPorts(venuePorts)
            .withTo(venue)
            .endEgress()
            // Every venue address is a name: without DNS the connector reaches nothing.
            .addToEgress(ClusterNetwork.dnsEgress())
            .endSpec()
            .build());
    if (in.simulated()) {
      policies.add(
          new NetworkPolicyBuilder()
              .withMetadata(
                  Owners.owned(
                      in.connection(),
                      BrokerNames.simulatorPolicy(in.connection()),
                      BrokerResources.labels(in, Component.NETWORK_POLICY)))
              .withNewSpec()
              .withNewPodSelector()
              .withMatchLabels(BrokerResources.selector(in, Component.BROKER_SIMULATOR))
              .endPodSelector()
              .withPolicyTypes("Ingress")
              .addNewIngress()
              .withPorts(ClusterNetwork.tcp(BrokerResources.HTTP_PORT))
              .withFrom(
                  new NetworkPolicyPeerBuilder()
                      .withPodSelector(
                          new LabelSelectorBuilder()
                              .withMatchLabels(
                                  BrokerResources.selector(in, Component.BROKER_CONNECTOR))
                              .build())
                      .build())
              .endIngress()
              .endSpec()
              .build());
    }
    return policies;
  }

  /** The port of a venue URL: explicit, or 80 for http/ws and 443 for https/wss. */
  static int port(String url) {
    URI uri = URI.create(url);
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "http".equals(uri.getScheme()) || "ws".equals(uri.getScheme()) ? 80 : 443;
  }
}
