package io.alphintra.e2e.platform;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Alphintra platform on an end-to-end cluster: the CRDs, the operator (in-process) and
 * resources.
 */
public final class Platform {
  /** Field manager of everything the tests and the up command apply. */
  public static final String FIELD_MANAGER = "alphintra-e2e";

  private Platform() {}

  /** Applies {@code crds/*.yaml} and waits until the API server serves every CRD. */
  public static List<CustomResourceDefinition> installCrds(Cluster cluster) {
    KubernetesClient client = cluster.client();
    List<CustomResourceDefinition> crds =
        cluster.toolchain().crdFiles().stream()
            .flatMap(file -> load(client, file).stream())
            .map(CustomResourceDefinition.class::cast)
            .toList();
    for (CustomResourceDefinition crd : crds) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(crd)
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
    for (CustomResourceDefinition crd : crds) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(Platform::established, 60, TimeUnit.SECONDS);
    }
    return crds;
  }

  /**
   * The label that makes the API server admit only pods of the restricted Pod Security Standard.
   */
  public static final Map<String, String> RESTRICTED =
      Map.of("pod-security.kubernetes.io/enforce", "restricted");

  /** Creates a namespace unless it exists. */
  public static void ensureNamespace(Cluster cluster, String namespace) {
    ensureNamespace(cluster, namespace, Map.of());
  }

  /** Creates a namespace unless it exists, and applies {@code labels} to it. */
  public static void ensureNamespace(
      Cluster cluster, String namespace, Map<String, String> labels) {
    cluster
        .client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(labels)
                .endMetadata()
                .build())
        .fieldManager(FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  /**
   * Applies the resources of a YAML file in {@code namespace} (server-side apply) and returns them.
   */
  public static List<HasMetadata> apply(Cluster cluster, Path file, String namespace) {
    List<HasMetadata> applied = load(cluster.client(), file);
    return applied.stream()
        .map(
            r ->
                cluster
                    .client()
                    .resource(r)
                    .inNamespace(namespace)
                    .fieldManager(FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply())
        .toList();
  }

  /**
   * Starts the operator in this JVM against {@code cluster}, watching {@code namespaces}, with its
   * metrics endpoint off unless {@code ALPHINTRA_METRICS_PORT} is set in {@code overrides}. {@code
   * endpoints} (nullable) is where rollout health checks reach Services: out of the cluster, its
   * DNS names do not resolve.
   */
  public static OperatorMain startOperator(
      Cluster cluster,
      List<String> namespaces,
      CheckEndpoints endpoints,
      Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put(OperatorConfig.WATCH_NAMESPACES.env(), String.join(",", namespaces));
    env.put(OperatorConfig.METRICS_PORT.env(), "0");
    env.put(OperatorConfig.LEADER_ELECTION.env(), "false");
    env.putAll(overrides);
    return OperatorMain.start(OperatorConfig.from(env, false), cluster.newClient(), endpoints);
  }

  /** The first resource of a YAML file, as it is written there, as a {@code type}. */
  public static <T extends HasMetadata> T loadFirst(Cluster cluster, Path file, Class<T> type) {
    return cluster
        .client()
        .getKubernetesSerialization()
        .convertValue(load(cluster.client(), file).getFirst(), type);
  }

  private static List<HasMetadata> load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * A generous default for waiting on pods of a fake node; real clusters pull images and need
   * longer.
   */
  public static Duration readyTimeout(Cluster cluster) {
    return cluster.fakeNodes() ? Duration.ofMinutes(2) : Duration.ofMinutes(10);
  }
}
