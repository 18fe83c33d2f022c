package io.alphintra.e2e.platform;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.Toolchain;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The operator as it ships: {@code helm/alphintra-operator} installed with the toolchain's helm
 * (its HOME, cache and config under the cluster's directory, so a run leaves nothing in the user's
 * helm settings).
 */
public final class OperatorChart {
  /** The release name; the chart names its Deployment, Lease and Services after it. */
  public static final String RELEASE = "alphintra";

  /** The chart's Deployment (and Lease) name for {@link #RELEASE}. */
  public static final String DEPLOYMENT = "alphintra-operator";

  private final Cluster cluster;

  public OperatorChart(Cluster cluster) {
    this.cluster = cluster;
  }

  /** {@code helm install} of the chart into {@code namespace} with {@code --set} values. */
  public void install(String namespace, Map<String, String> values) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                RELEASE,
                cluster.toolchain().repoRoot().resolve("helm/alphintra-operator").toString(),
                "--namespace",
                namespace));
    values.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    helm(args.toArray(String[]::new)).requireSuccess("helm install " + RELEASE);
  }

  /** Waits until the chart's Deployment has {@code replicas} Ready pods. */
  public Deployment awaitReady(String namespace, int replicas, Duration timeout) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(DEPLOYMENT)
        .waitUntilCondition(
            d ->
                d != null
                    && d.getStatus() != null
                    && Objects.equals(d.getStatus().getReadyReplicas(), replicas),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Runs the toolchain's helm against the cluster. */
  public Toolchain.Result helm(String... args) {
    Path home = cluster.kubeconfig().getParent().resolve("helm");
    List<String> command =
        new ArrayList<>(
            List.of(
                cluster.toolchain().binDir().resolve("helm").toString(),
                "--kubeconfig",
                cluster.kubeconfig().toString()));
    command.addAll(List.of(args));
    return cluster
        .toolchain()
        .run(
            command,
            Map.of(
                "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_CONFIG_HOME", home.resolve("config").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString()),
            Duration.ofMinutes(2));
  }
}
