package io.alphintra.e2e.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dev example on a whole cluster: the operator creates the platform, pods go Ready, deletion
 * cleans up.
 */
@ExtendWith(ClusterExtension.class)
class DevEnvironmentE2E {
  private static Cluster cluster;
  private static TestNamespace namespace;
  private static OperatorMain operator;

  @RegisterExtension static final DumpOnFailure DUMP = new DumpOnFailure(() -> namespace);

  @BeforeAll
  static void installPlatform(Cluster given) {
    cluster = given;
    Platform.installCrds(cluster);
    namespace = TestNamespace.create(cluster, "dev");
    operator = Platform.startOperator(cluster, List.of(namespace.name()), null, Map.of());
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void devExampleBecomesReadyForKubectlWaitAndItsChildrenAreGarbageCollectedOnDelete() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    long start = System.nanoTime();
    Platform.apply(cluster, cluster.toolchain().example("trading-environment-dev.yaml"), ns);

    Toolchain.Result wait =
        cluster.kubectl(
            Duration.ofMinutes(3),
            "wait",
            "-n",
            ns,
            "--for=condition=Ready",
            "te/dev",
            "--timeout=150s");
    assertThat(wait.exitCode()).as("kubectl wait: %s %s", wait.stdout(), wait.stderr()).isZero();
    assertThat(wait.stdout()).contains("condition met");
    System.out.printf("te/dev Ready %d ms after apply%n", (System.nanoTime() - start) / 1_000_000);

    TradingEnvironment te =
        client.resources(TradingEnvironment.class).inNamespace(ns).withName("dev").get();
    assertThat(te.getStatus().phase()).isEqualTo(EnvironmentPhase.Ready);
    assertThat(te.getStatus().observedGeneration()).isEqualTo(te.getMetadata().getGeneration());
    assertThat(client.pods().inNamespace(ns).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .anyMatch(n -> n.startsWith("dev-auth-service-"))
        .anyMatch(n -> n.startsWith("dev-trading-api-"))
        .contains("dev-postgres-0");
    assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems())
        .allSatisfy(pvc -> assertThat(pvc.getStatus().getPhase()).isEqualTo("Bound"));
    assertThat(cluster.kubectl(Duration.ofSeconds(30), "get", "alphintra", "-n", ns).stdout())
        .contains("dev")
        .contains("Development")
        .contains("Ready");

    List<HasMetadata> children = owned(client, ns, te.getMetadata().getUid());
    assertThat(children)
        .extracting(HasMetadata::getKind)
        .contains("Deployment", "Service", "ConfigMap", "ServiceAccount", "StatefulSet", "Secret");

    long deleted = System.nanoTime();
    client.resource(te).delete();
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .resources(TradingEnvironment.class)
                          .inNamespace(ns)
                          .withName("dev")
                          .get())
                  .isNull();
              assertThat(owned(client, ns, te.getMetadata().getUid()))
                  .as("children left")
                  .isEmpty();
              assertThat(client.pods().inNamespace(ns).list().getItems()).as("pods left").isEmpty();
            });
    System.out.printf(
        "children of te/dev garbage-collected %d ms after delete%n",
        (System.nanoTime() - deleted) / 1_000_000);
  }

  /**
   * Everything in the namespace whose owner is the environment, of the kinds the operator creates.
   */
  private static List<HasMetadata> owned(KubernetesClient client, String ns, String uid) {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
    all.addAll(client.apps().statefulSets().inNamespace(ns).list().getItems());
    all.addAll(client.services().inNamespace(ns).list().getItems());
    all.addAll(client.configMaps().inNamespace(ns).list().getItems());
    all.addAll(client.serviceAccounts().inNamespace(ns).list().getItems());
    all.addAll(client.secrets().inNamespace(ns).list().getItems());
    all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
    all.addAll(client.network().v1().networkPolicies().inNamespace(ns).list().getItems());
    all.addAll(
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems());
    return all.stream()
        .filter(
            r ->
                r.getMetadata().getOwnerReferences() != null
                    && r.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> uid.equals(o.getUid())))
        .toList();
  }
}
