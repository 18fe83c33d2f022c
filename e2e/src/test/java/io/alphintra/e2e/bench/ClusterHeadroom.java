package io.alphintra.e2e.bench;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ProviderKind;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDRBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Room on the offline cluster for a hundred environments, removed again on close. Its single kwok
 * node takes 110 pods and 32 CPUs, and kwokctl's Service range (10.0.0.0/24) holds about 250
 * ClusterIPs, while a hundred Staging environments need 400 pods and 400 Services: this adds kwok
 * nodes (kwok fakes every Node annotated {@code kwok.x-k8s.io/node: fake}) and a second ServiceCIDR
 * (networking.k8s.io/v1, Kubernetes 1.33+). Other clusters are left as they are.
 */
final class ClusterHeadroom implements AutoCloseable {
  private final KubernetesClient client;
  private final List<String> nodes = new ArrayList<>();
  private String serviceCidr;

  private ClusterHeadroom(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Adds {@code nodeCount} fake nodes of {@code podsPerNode} pods (CPU and memory to match) and a
   * /20 of Service IPs.
   */
  static ClusterHeadroom add(Cluster cluster, String name, int nodeCount, int podsPerNode) {
    ClusterHeadroom headroom = new ClusterHeadroom(cluster.client());
    if (cluster.kind() != ProviderKind.OFFLINE) {
      return headroom;
    }
    try {
      headroom.serviceCidr = name;
      cluster
          .client()
          .resource(
              new ServiceCIDRBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withNewSpec()
                  .withCidrs("10.1.0.0/20")
                  .endSpec()
                  .build())
          .create();
      Map<String, Quantity> capacity =
          Map.of(
              "cpu",
              new Quantity(String.valueOf(podsPerNode)),
              "memory",
              new Quantity(podsPerNode * 2 + "Gi"),
              "pods",
              new Quantity(String.valueOf(podsPerNode)));
      for (int i = 0; i < nodeCount; i++) {
        Node node =
            new NodeBuilder()
                .withNewMetadata()
                .withName(name + "-" + i)
                .withAnnotations(Map.of(Cluster.KWOK_NODE_ANNOTATION, "fake"))
                .withLabels(Map.of("type", "kwok", "kubernetes.io/hostname", name + "-" + i))
                .endMetadata()
                .withNewStatus()
                .withCapacity(capacity)
                .withAllocatable(capacity)
                .endStatus()
                .build();
        cluster.client().nodes().resource(node).create();
        headroom.nodes.add(name + "-" + i);
      }
      for (String node : headroom.nodes) {
        cluster
            .client()
            .nodes()
            .withName(node)
            .waitUntilCondition(ClusterHeadroom::schedulable, 60, TimeUnit.SECONDS);
      }
      return headroom;
    } catch (RuntimeException e) {
      headroom.close();
      throw e;
    }
  }

  private static boolean schedulable(Node n) {
    return n != null
        && n.getStatus() != null
        && n.getStatus().getConditions() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        && (n.getSpec().getTaints() == null || n.getSpec().getTaints().isEmpty());
  }

  int nodes() {
    return nodes.size();
  }

  /**
   * Deletes the nodes and the ServiceCIDR (which the API server keeps until no Service uses its
   * addresses).
   */
  @Override
  public void close() {
    for (String node : nodes) {
      try {
        client.nodes().withName(node).delete();
      } catch (RuntimeException e) {
        System.out.println("could not delete node " + node + ": " + e);
      }
    }
    if (serviceCidr != null) {
      try {
        client.network().v1().serviceCIDRs().withName(serviceCidr).delete();
      } catch (RuntimeException e) {
        System.out.println("could not delete ServiceCIDR " + serviceCidr + ": " + e);
      }
    }
  }
}
