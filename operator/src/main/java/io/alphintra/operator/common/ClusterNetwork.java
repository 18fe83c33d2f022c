package io.alphintra.operator.common;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.Map;

/**
 * What every NetworkPolicy graph of the operator says about the cluster around it: its DNS and its
 * namespaces.
 */
public final class ClusterNetwork {
  /**
   * The label the API server puts on every namespace, set to its name; nobody can change it
   * (Kubernetes 1.21+).
   */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /** Where cluster DNS runs in kubeadm, kind, k3s, GKE, EKS and AKS clusters alike. */
  public static final String DNS_NAMESPACE = "kube-system";

  /** The label of the cluster DNS pods (CoreDNS or kube-dns) in those clusters. */
  public static final Map<String, String> DNS_PODS = Map.of("k8s-app", "kube-dns");

  public static final int DNS_PORT = 53;

  private ClusterNetwork() {}

  /**
   * Egress to cluster DNS over UDP and TCP (TCP for answers too large for UDP). Only kube-system's
   * DNS pods: any namespace would let a pod anyone labels {@code k8s-app=kube-dns} receive traffic
   * on port 53, a channel out of pods that hold broker keys; pods in kube-system only cluster
   * admins create.
   */
  public static NetworkPolicyEgressRule dnsEgress() {
    return new NetworkPolicyEgressRuleBuilder()
        .withPorts(port("UDP", DNS_PORT), port("TCP", DNS_PORT))
        .withTo(
            new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(
                    new LabelSelectorBuilder()
                        .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, DNS_NAMESPACE))
                        .build())
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(DNS_PODS).build())
                .build())
        .build();
  }

  /** Every pod of one namespace, chosen by its name. */
  public static NetworkPolicyPeer namespace(String name) {
    return new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(
            new LabelSelectorBuilder().withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, name)).build())
        .build();
  }

  /** A TCP port. */
  public static NetworkPolicyPort tcp(int number) {
    return port("TCP", number);
  }

  private static NetworkPolicyPort port(String protocol, int number) {
    return new NetworkPolicyPortBuilder()
        .withProtocol(protocol)
        .withPort(new IntOrString(number))
        .build();
  }
}
