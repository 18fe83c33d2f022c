package io.alphintra.e2e.cluster;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A namespace with a random name for one test class, deleted afterwards; dumps what it holds when a
 * test fails.
 */
public final class TestNamespace implements AutoCloseable {
  private final Cluster cluster;
  private final String name;

  private TestNamespace(Cluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
  }

  public static TestNamespace create(Cluster cluster, String prefix) {
    String name =
        prefix
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    cluster
        .client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return new TestNamespace(cluster, name);
  }

  public String name() {
    return name;
  }

  /**
   * Prints TradingEnvironment statuses, Deployments, pods and events: what a failed assertion
   * needs.
   */
  public void dump(String why) {
    var client = cluster.client();
    System.out.println("==== " + why + ": state of namespace " + name);
    try {
      for (TradingEnvironment te :
          client.resources(TradingEnvironment.class).inNamespace(name).list().getItems()) {
        System.out.println(
            "TradingEnvironment " + te.getMetadata().getName() + " spec: " + te.getSpec());
        System.out.println(
            "TradingEnvironment " + te.getMetadata().getName() + " status: " + te.getStatus());
      }
      for (Deployment d : client.apps().deployments().inNamespace(name).list().getItems()) {
        System.out.println(
            "Deployment "
                + d.getMetadata().getName()
                + " replicas="
                + d.getSpec().getReplicas()
                + " status="
                + d.getStatus());
      }
      client
          .pods()
          .inNamespace(name)
          .list()
          .getItems()
          .forEach(
              p ->
                  System.out.println(
                      "Pod "
                          + p.getMetadata().getName()
                          + " phase="
                          + p.getStatus().getPhase()
                          + " conditions="
                          + p.getStatus().getConditions()));
      client
          .services()
          .inNamespace(name)
          .list()
          .getItems()
          .forEach(
              s ->
                  System.out.println(
                      "Service "
                          + s.getMetadata().getName()
                          + " selector="
                          + s.getSpec().getSelector()));
      client.v1().events().inNamespace(name).list().getItems().stream()
          .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
          .forEach(
              e ->
                  System.out.println(
                      "Event "
                          + e.getType()
                          + " "
                          + e.getInvolvedObject().getKind()
                          + "/"
                          + e.getInvolvedObject().getName()
                          + " "
                          + e.getReason()
                          + ": "
                          + e.getMessage()));
    } catch (RuntimeException e) {
      System.out.println("could not dump namespace " + name + ": " + e);
    }
  }

  @Override
  public void close() {
    try {
      cluster.client().namespaces().withName(name).delete();
    } catch (RuntimeException e) {
      System.out.println("could not delete namespace " + name + ": " + e);
    }
  }
}
