package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.IngressSource;
import io.alphintra.operator.common.ClusterNetwork;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Owners;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment's NetworkPolicy graph: deny everything to and from its pods, then allow exactly
 * the edges the platform needs (drawn in the README). Policies are additive, so each allow is its
 * own small policy.
 */
public final class PlatformNetworkPolicies {
  static final String ANYWHERE = "0.0.0.0/0";

  /**
   * Pods the operator checks over HTTP: the services (blue-green health checks) and
   * broker-connectors (health).
   */
  static final List<Component> OPERATOR_CHECKS =
      List.of(Component.AUTH_SERVICE, Component.TRADING_API, Component.BROKER_CONNECTOR);

  /**
   * Pods that serve /actuator/prometheus on their HTTP port: every Spring Boot service, not the
   * database.
   */
  static final List<Component> METRICS_SERVERS =
      List.of(
          Component.AUTH_SERVICE,
          Component.TRADING_API,
          Component.STRATEGY,
          Component.BROKER_CONNECTOR,
          Component.BROKER_SIMULATOR);

  private PlatformNetworkPolicies() {}

  /** All policies of the environment; empty when network policies are off. */
  public static List<NetworkPolicy> all(EnvironmentInputs in) {
    if (!in.plan().networkPolicy()) {
      return List.of();
    }
    List<NetworkPolicy> policies = new ArrayList<>();
    policies.add(policy(in, "default-deny", environmentPods(in), List.of(), List.of()));
    policies.add(
        policy(
            in, "allow-dns", environmentPods(in), List.of(), List.of(ClusterNetwork.dnsEgress())));
    policies.add(tradingApi(in));
    policies.add(authService(in));
    policies.add(
        policy(
            in,
            "strategies",
            component(in, Component.STRATEGY),
            List.of(),
            List.of(
                egressToPods(
                    http(),
                    pods(in, Component.TRADING_API),
                    pods(in, Component.AUTH_SERVICE),
                    pods(in, Component.BROKER_CONNECTOR)))));
    policies.add(
        policy(
            in,
            "broker-connectors",
            component(in, Component.BROKER_CONNECTOR),
            List.of(
                ingressFrom(http(), pods(in, Component.TRADING_API), pods(in, Component.STRATEGY))),
            List.of()));
    String operator = in.admitted().operator();
    if (operator != null) {
      // Blue-green checks reach the services through their preview/active Services; health polls
      // reach connectors.
      policies.add(
          policy(
              in,
              "allow-operator",
              components(in, OPERATOR_CHECKS),
              List.of(ingressFrom(http(), ClusterNetwork.namespace(operator))),
              List.of()));
    }
    String monitoring = in.admitted().monitoring();
    if (monitoring != null) {
      policies.add(
          policy(
              in,
              "allow-monitoring",
              components(in, METRICS_SERVERS),
              List.of(ingressFrom(http(), ClusterNetwork.namespace(monitoring))),
              List.of()));
    }
    if (in.plan().managedDatabase()) {
      policies.add(
          policy(
              in,
              "database",
              component(in, Component.DATABASE),
              List.of(
                  ingressFrom(
                      port(ManagedPostgres.PORT),
                      pods(in, Component.TRADING_API),
                      pods(in, Component.AUTH_SERVICE))),
              List.of()));
    }
    return policies;
  }

  private static NetworkPolicy tradingApi(EnvironmentInputs in) {
    List<NetworkPolicyPeer> sources = new ArrayList<>();
    sources.add(pods(in, Component.STRATEGY));
    for (IngressSource source : in.plan().allowedIngress()) {
      sources.add(peer(source));
    }
    return policy(
        in,
        "trading-api",
        component(in, Component.TRADING_API),
        List.of(ingressFrom(http(), sources.toArray(NetworkPolicyPeer[]::new))),
        List.of(
            egressToPods(
                http(), pods(in, Component.AUTH_SERVICE), pods(in, Component.BROKER_CONNECTOR)),
            databaseEgress(in)));
  }

  private static NetworkPolicy authService(EnvironmentInputs in) {
    return policy(
        in,
        "auth-service",
        component(in, Component.AUTH_SERVICE),
        List.of(
            ingressFrom(
                http(),
                new NetworkPolicyPeerBuilder().withPodSelector(environmentPods(in)).build())),
        List.of(
            databaseEgress(in),
            // TokenReview calls to the Kubernetes API server, whose address policies cannot name
            // portably.
            new NetworkPolicyEgressRuleBuilder()
                .withPorts(port(443), port(6443))
                .withTo(block(ANYWHERE))
                .build()));
  }

  private static NetworkPolicyEgressRule databaseEgress(EnvironmentInputs in) {
    // An external database's address is only known inside its Secret, so egress to it is allowed by
    // port.
    NetworkPolicyPeer target =
        in.plan().managedDatabase() ? pods(in, Component.DATABASE) : block(ANYWHERE);
    return egressToPods(port(ManagedPostgres.PORT), target);
  }

  private static NetworkPolicy policy(
      EnvironmentInputs in,
      String role,
      LabelSelector pods,
      List<NetworkPolicyIngressRule> ingress,
      List<NetworkPolicyEgressRule> egress) {
    List<String> types = new ArrayList<>();
    if (role.equals("default-deny") || !ingress.isEmpty()) {
      types.add("Ingress");
    }
    if (role.equals("default-deny") || !egress.isEmpty()) {
      types.add("Egress");
    }
    var te = in.environment();
    return new NetworkPolicyBuilder()
        .withMetadata(
            Owners.owned(
                te,
                EnvironmentNames.networkPolicy(te, role),
                Labels.of(in.name(), Component.NETWORK_POLICY, null)))
        .withNewSpec()
        .withPodSelector(pods)
        .withPolicyTypes(types)
        .withIngress(ingress)
        .withEgress(egress)
        .endSpec()
        .build();
  }

  private static NetworkPolicyIngressRule ingressFrom(
      NetworkPolicyPort port, NetworkPolicyPeer... from) {
    return new NetworkPolicyIngressRuleBuilder().withPorts(port).withFrom(from).build();
  }

  private static NetworkPolicyEgressRule egressToPods(
      NetworkPolicyPort port, NetworkPolicyPeer... to) {
    return new NetworkPolicyEgressRuleBuilder().withPorts(port).withTo(to).build();
  }

  private static NetworkPolicyPeer peer(IngressSource source) {
    if (source.cidr() != null) {
      return block(source.cidr());
    }
    var peer = new NetworkPolicyPeerBuilder();
    if (source.namespaceLabels() != null) {
      peer.withNamespaceSelector(
          new LabelSelectorBuilder().withMatchLabels(source.namespaceLabels()).build());
    }
    if (source.podLabels() != null) {
      peer.withPodSelector(new LabelSelectorBuilder().withMatchLabels(source.podLabels()).build());
    }
    return peer.build();
  }

  private static NetworkPolicyPeer block(String cidr) {
    return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build();
  }

  private static NetworkPolicyPeer pods(EnvironmentInputs in, Component component) {
    return new NetworkPolicyPeerBuilder().withPodSelector(component(in, component)).build();
  }

  private static LabelSelector environmentPods(EnvironmentInputs in) {
    return new LabelSelectorBuilder()
        .withMatchLabels(Map.of(Labels.ENVIRONMENT, in.name()))
        .build();
  }

  private static LabelSelector components(EnvironmentInputs in, List<Component> components) {
    return new LabelSelectorBuilder()
        .withMatchLabels(Map.of(Labels.ENVIRONMENT, in.name()))
        .addNewMatchExpression()
        .withKey(Labels.COMPONENT)
        .withOperator("In")
        .withValues(components.stream().map(Component::label).toList())
        .endMatchExpression()
        .build();
  }

  private static LabelSelector component(EnvironmentInputs in, Component component) {
    return new LabelSelectorBuilder()
        .withMatchLabels(Map.of(Labels.ENVIRONMENT, in.name(), Labels.COMPONENT, component.label()))
        .build();
  }

  private static NetworkPolicyPort http() {
    return port(PlatformService.HTTP_PORT);
  }

  private static NetworkPolicyPort port(int number) {
    return ClusterNetwork.tcp(number);
  }
}
