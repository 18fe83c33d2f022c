package io.alphintra.operator.common;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether NetworkPolicies let one endpoint reach another, the way an enforcing network
 * plugin reads them (policies are additive; a pod selected for a direction is isolated in it and
 * reachable only through a rule). Tests state what must and must not connect instead of how the
 * policies are spelled.
 */
public final class Reachability {

  /** Something traffic comes from or goes to: a pod, or an address outside the cluster. */
  public sealed interface Endpoint permits Pod, External {}

  /** A pod, with its namespace and labels. */
  public record Pod(String namespace, Map<String, String> labels) implements Endpoint {
    Map<String, String> namespaceLabels() {
      return Map.of(ClusterNetwork.NAMESPACE_NAME_LABEL, namespace);
    }
  }

  /** An IP address outside the cluster. */
  public record External(String ip) implements Endpoint {}

  private final List<NetworkPolicy> policies;

  public Reachability(List<NetworkPolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  public static Pod pod(String namespace, Map<String, String> labels) {
    return new Pod(namespace, labels);
  }

  public static External external(String ip) {
    return new External(ip);
  }

  /**
   * Whether a TCP connection from {@code from} to {@code to} on {@code port} is allowed both ways
   * out and in.
   */
  public boolean tcp(Endpoint from, Endpoint to, int port) {
    return allows(from, to, "TCP", port);
  }

  /** Whether a UDP datagram from {@code from} to {@code to} on {@code port} is allowed. */
  public boolean udp(Endpoint from, Endpoint to, int port) {
    return allows(from, to, "UDP", port);
  }

  private boolean allows(Endpoint from, Endpoint to, String protocol, int port) {
    return egressAllowed(from, to, protocol, port) && ingressAllowed(from, to, protocol, port);
  }

  private boolean egressAllowed(Endpoint from, Endpoint to, String protocol, int port) {
    if (!(from instanceof Pod source)) {
      return true;
    }
    List<NetworkPolicy> isolating = isolating(source, "Egress");
    return isolating.isEmpty()
        || isolating.stream()
            .anyMatch(
                p ->
                    p.getSpec().getEgress().stream()
                        .anyMatch(
                            rule ->
                                ports(rule.getPorts(), protocol, port)
                                    && peers(rule.getTo(), p, to)));
  }

  private boolean ingressAllowed(Endpoint from, Endpoint to, String protocol, int port) {
    if (!(to instanceof Pod target)) {
      return true;
    }
    List<NetworkPolicy> isolating = isolating(target, "Ingress");
    return isolating.isEmpty()
        || isolating.stream()
            .anyMatch(
                p ->
                    p.getSpec().getIngress().stream()
                        .anyMatch(
                            rule ->
                                ports(rule.getPorts(), protocol, port)
                                    && peers(rule.getFrom(), p, from)));
  }

  private List<NetworkPolicy> isolating(Pod pod, String direction) {
    return policies.stream()
        .filter(p -> p.getMetadata().getNamespace().equals(pod.namespace()))
        .filter(p -> p.getSpec().getPolicyTypes().contains(direction))
        .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
        .toList();
  }

  private static boolean ports(List<NetworkPolicyPort> ports, String protocol, int port) {
    return ports == null
        || ports.isEmpty()
        || ports.stream()
            .anyMatch(
                p ->
                    Objects.requireNonNullElse(p.getProtocol(), "TCP").equals(protocol)
                        && (p.getPort() == null || Objects.equals(p.getPort().getIntVal(), port)));
  }

  private static boolean peers(
      List<NetworkPolicyPeer> peers, NetworkPolicy policy, Endpoint other) {
    return peers == null
        || peers.isEmpty()
        || peers.stream().anyMatch(peer -> peer(peer, policy, other));
  }

  private static boolean peer(NetworkPolicyPeer peer, NetworkPolicy policy, Endpoint other) {
    if (peer.getIpBlock() != null) {
      // Whether an ipBlock covers pod addresses is up to the plugin; a test must not rely on it.
      return other instanceof External external && inBlock(peer.getIpBlock(), external.ip());
    }
    if (!(other instanceof Pod pod)) {
      return false;
    }
    boolean namespace =
        peer.getNamespaceSelector() == null
            ? pod.namespace().equals(policy.getMetadata().getNamespace())
            : matches(peer.getNamespaceSelector(), pod.namespaceLabels());
    return namespace
        && (peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels()));
  }

  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
      return false;
    }
    return selector.getMatchExpressions() == null
        || selector.getMatchExpressions().stream().allMatch(r -> requirement(r, labels));
  }

  private static boolean requirement(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    return switch (r.getOperator()) {
      case "In" -> value != null && r.getValues().contains(value);
      case "NotIn" -> value == null || !r.getValues().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
    };
  }

  private static boolean inBlock(IPBlock block, String ip) {
    if (block.getExcept() != null
        && block.getExcept().stream().anyMatch(except -> inCidr(except, ip))) {
      return false;
    }
    return inCidr(block.getCidr(), ip);
  }

  private static boolean inCidr(String cidr, String ip) {
    try {
      String[] parts = cidr.split("/");
      byte[] network = InetAddress.getByName(parts[0]).getAddress();
      byte[] address = InetAddress.getByName(ip).getAddress();
      if (network.length != address.length) {
        return false;
      }
      int bits = Integer.parseInt(parts[1]);
      int total = network.length * 8;
      BigInteger mask =
          bits == 0
              ? BigInteger.ZERO
              : BigInteger.ONE
                  .shiftLeft(total)
                  .subtract(BigInteger.ONE)
                  .shiftRight(total - bits)
                  .shiftLeft(total - bits);
      return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(cidr + " or " + ip + " is not an IP literal", e);
    }
  }
}
