package io.alphintra.e2e.cluster;

import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
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
                          + p.getStatus().getConditions()
                          + restarts(p)));
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

  /** Each container's restarts and how its last run ended (kwok's fake pods report none). */
  private static String restarts(Pod pod) {
    StringBuilder out = new StringBuilder();
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      out.append(' ')
          .append(c.getName())
          .append(": ")
          .append(c.getRestartCount())
          .append(" restarts");
      ContainerStateTerminated last =
          c.getLastState() == null ? null : c.getLastState().getTerminated();
      if (last != null) {
        out.append(" (last: ")
            .append(last.getReason())
            .append(", exit ")
            .append(last.getExitCode())
            .append(" at ")
            .append(last.getFinishedAt())
            .append(')');
      }
    }
    return out.toString();
  }

  /**
   * Deletes the namespace's TradingEnvironments and waits until they are gone, as a user does
   * before uninstalling: their finalizer needs a running operator, which deletes what they made
   * outside the namespace (the TokenReview ClusterRoleBinding). Call it while the operator still
   * runs.
   */
  public void deleteEnvironments(Duration timeout) {
    var environments = cluster.client().resources(TradingEnvironment.class).inNamespace(name);
    try {
      environments.delete();
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> environments.list().getItems().isEmpty());
    } catch (RuntimeException e) {
      System.out.println("environments of " + name + " not deleted by the operator: " + e);
    }
  }

  /**
   * Deletes the namespace. When no operator is left to finish an environment's deletion (a test
   * stopped or killed it first), the harness does what its cleanup would have done, so a shared
   * cluster keeps no namespace stuck in Terminating and no binding of this namespace.
   */
  @Override
  public void close() {
    try {
      var client = cluster.client();
      client.namespaces().withName(name).delete();
      for (TradingEnvironment te :
          client.resources(TradingEnvironment.class).inNamespace(name).list().getItems()) {
        try {
          client
              .resources(TradingEnvironment.class)
              .inNamespace(name)
              .withName(te.getMetadata().getName())
              .edit(
                  current -> {
                    current.getMetadata().setFinalizers(List.of());
                    return current;
                  });
        } catch (RuntimeException gone) {
          // Deleted meanwhile: nothing left to release.
        }
      }
      client
          .rbac()
          .clusterRoleBindings()
          .withLabel("trading.alphintra.io/namespace", name)
          .delete();
    } catch (RuntimeException e) {
      System.out.println("could not delete namespace " + name + ": " + e);
    }
  }
}
