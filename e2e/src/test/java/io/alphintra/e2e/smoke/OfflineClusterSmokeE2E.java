package io.alphintra.e2e.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster itself: the real scheduler places pods on a node and they become Running and Ready.
 */
@ExtendWith(ClusterExtension.class)
class OfflineClusterSmokeE2E {
  private static final String FAKE_READY = "alphintra.io/fake-ready";
  private static Cluster cluster;
  private static TestNamespace namespace;

  @RegisterExtension static final DumpOnFailure DUMP = new DumpOnFailure(() -> namespace);

  @BeforeAll
  static void createNamespace(Cluster given) {
    cluster = given;
    namespace = TestNamespace.create(cluster, "smoke");
  }

  @AfterAll
  static void deleteNamespace() {
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void deploymentPodsAreScheduledOntoANodeAndBecomeRunningAndReady() {
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(namespace.name())
        .resource(deployment("web", 2, Map.of()))
        .create();

    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> {
              List<Pod> pods = pods("web");
              assertThat(pods)
                  .hasSize(2)
                  .allSatisfy(
                      pod -> {
                        assertThat(pod.getSpec().getNodeName())
                            .as("scheduled onto a node")
                            .isNotBlank();
                        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                        assertThat(ready(pod))
                            .as("Ready condition of " + pod.getMetadata().getName())
                            .isEqualTo("True");
                      });
              Deployment d =
                  cluster
                      .client()
                      .apps()
                      .deployments()
                      .inNamespace(namespace.name())
                      .withName("web")
                      .get();
              assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
            });
    if (cluster.fakeNodes()) {
      String node = pods("web").get(0).getSpec().getNodeName();
      assertThat(cluster.client().nodes().withName(node).get().getMetadata().getAnnotations())
          .as("a kwok fake node")
          .containsKey(Cluster.KWOK_NODE_ANNOTATION);
    }
  }

  @Test
  void podTemplateWithTheFakeReadyAnnotationRunsButStaysUnready() {
    assumeTrue(cluster.fakeNodes(), "only kwok fake nodes honour " + FAKE_READY);
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(namespace.name())
        .resource(deployment("unready", 1, Map.of(FAKE_READY, "false")))
        .create();

    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(pods("unready"))
                    .singleElement()
                    .satisfies(
                        pod -> {
                          assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
                          assertThat(ready(pod)).isEqualTo("False");
                        }));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(pods("unready"))
                    .singleElement()
                    .satisfies(pod -> assertThat(ready(pod)).isEqualTo("False")));
    Deployment d =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(namespace.name())
            .withName("unready")
            .get();
    assertThat(d.getStatus().getReadyReplicas()).as("ready replicas").isNull();
  }

  private List<Pod> pods(String app) {
    return cluster
        .client()
        .pods()
        .inNamespace(namespace.name())
        .withLabel("app", app)
        .list()
        .getItems();
  }

  private static String ready(Pod pod) {
    return pod.getStatus().getConditions() == null
        ? null
        : pod.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(c -> c.getStatus())
            .findFirst()
            .orElse(null);
  }

  private static Deployment deployment(
      String name, int replicas, Map<String, String> podAnnotations) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", name))
        .withAnnotations(podAnnotations)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example.invalid/alphintra/" + name + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
