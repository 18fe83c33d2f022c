package io.alphintra.operator.environment.model;

import static io.alphintra.operator.common.Reachability.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.ManagedDatabase;
import io.alphintra.api.v1alpha1.NetworkPolicySpec;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.operator.common.ClusterNetwork;
import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.common.Reachability;
import io.alphintra.operator.common.Reachability.Pod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the environment's policy graph lets connect, read as an enforcing network plugin would. */
class PlatformNetworkPoliciesTest {
  private static final String NAMESPACE = "trading";
  private static final int HTTP = PlatformService.HTTP_PORT;
  private static final AdmittedNamespaces OPERATOR_AND_PROMETHEUS =
      new AdmittedNamespaces("alphintra-system", "monitoring");

  private static final Pod OPERATOR =
      pod("alphintra-system", Map.of(Labels.NAME, "alphintra-operator"));
  private static final Pod PROMETHEUS = pod("monitoring", Map.of(Labels.NAME, "prometheus"));
  private static final Pod TENANT = pod("tenant", Map.of(Labels.NAME, "anything"));
  private static final Pod CLUSTER_DNS = pod(ClusterNetwork.DNS_NAMESPACE, ClusterNetwork.DNS_PODS);
  private static final Pod FAKE_DNS = pod("tenant", ClusterNetwork.DNS_PODS);

  private final List<HasMetadata> staging =
      EnvironmentResources.desired(
          Environments.inputs(Environments.of(Tier.Staging), false, OPERATOR_AND_PROMETHEUS));

  @Test
  void operatorNamespaceReachesBothColorsOfTheServicesAndTheConnectorsOnTheHttpPortOnly() {
    var graph = graph(staging);

    for (Pod service :
        List.of(
            podOf(staging, "desk-trading-api-blue"),
            podOf(staging, "desk-auth-service-blue"),
            colored(podOf(staging, "desk-trading-api-blue"), "green"),
            colored(podOf(staging, "desk-auth-service-blue"), "green"),
            platformPod(Component.BROKER_CONNECTOR))) {
      assertThat(graph.tcp(OPERATOR, service, HTTP))
          .as("operator -> %s", service.labels())
          .isTrue();
      assertThat(graph.tcp(OPERATOR, service, 5432))
          .as("operator -> %s:5432", service.labels())
          .isFalse();
      assertThat(graph.tcp(TENANT, service, HTTP))
          .as("another namespace -> %s", service.labels())
          .isFalse();
    }
    assertThat(graph.tcp(OPERATOR, platformPod(Component.STRATEGY), HTTP)).isFalse();
  }

  @Test
  void withoutAnOperatorNamespaceNothingOutsideTheEnvironmentReachesItsServices() {
    var graph =
        graph(
            EnvironmentResources.desired(
                Environments.inputs(Environments.of(Tier.Staging), false)));

    assertThat(graph.tcp(OPERATOR, podOf(staging, "desk-trading-api-blue"), HTTP)).isFalse();
    assertThat(graph.tcp(PROMETHEUS, podOf(staging, "desk-trading-api-blue"), HTTP)).isFalse();
  }

  @Test
  void monitoringNamespaceScrapesEverySpringServiceButNotTheDatabase() {
    var spec =
        new TradingEnvironmentSpec(
            Tier.Development,
            "1.4.2",
            null,
            null,
            new DatabaseSpec(null, new ManagedDatabase("1Gi", null)),
            null,
            new NetworkPolicySpec(true, List.of()),
            null,
            null);
    var all =
        EnvironmentResources.desired(
            Environments.inputs(Environments.of(spec), false, OPERATOR_AND_PROMETHEUS));
    var graph = graph(all);

    for (Pod scraped :
        List.of(
            podOf(all, "desk-trading-api"),
            podOf(all, "desk-auth-service"),
            platformPod(Component.STRATEGY),
            platformPod(Component.BROKER_CONNECTOR),
            platformPod(Component.BROKER_SIMULATOR))) {
      assertThat(graph.tcp(PROMETHEUS, scraped, HTTP))
          .as("prometheus -> %s", scraped.labels())
          .isTrue();
    }
    Pod database =
        pod(
            NAMESPACE,
            all.stream()
                .filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast)
                .findFirst()
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels());
    assertThat(graph.tcp(PROMETHEUS, database, ManagedPostgres.PORT)).isFalse();
    assertThat(graph.tcp(PROMETHEUS, database, HTTP)).isFalse();
    assertThat(graph.tcp(OPERATOR, database, ManagedPostgres.PORT)).isFalse();
    assertThat(graph.tcp(podOf(all, "desk-trading-api"), database, ManagedPostgres.PORT)).isTrue();
  }

  @Test
  void everyPlatformPodResolvesNamesOnlyThroughTheClusterDnsInKubeSystem() {
    var graph = graph(staging);

    for (Pod pod :
        List.of(
            podOf(staging, "desk-trading-api-blue"),
            platformPod(Component.STRATEGY),
            platformPod(Component.BROKER_CONNECTOR))) {
      assertThat(graph.udp(pod, CLUSTER_DNS, 53)).isTrue();
      assertThat(graph.tcp(pod, CLUSTER_DNS, 53)).isTrue();
      assertThat(graph.udp(pod, FAKE_DNS, 53))
          .as("a pod labelled like DNS in another namespace")
          .isFalse();
    }
  }

  @Test
  void policiesNameTheAdmittedNamespacesByTheirImmutableNameLabel() {
    var operator =
        staging.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .filter(p -> p.getMetadata().getName().equals("desk-allow-operator"))
            .findFirst()
            .orElseThrow();

    assertThat(operator.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(
            operator
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "alphintra-system"));
  }

  private static Reachability graph(List<HasMetadata> all) {
    return new Reachability(
        all.stream()
            .filter(NetworkPolicy.class::isInstance)
            .map(NetworkPolicy.class::cast)
            .toList());
  }

  /** A pod of one of the environment's Deployments, labelled as its template says. */
  private static Pod podOf(List<HasMetadata> all, String deployment) {
    return pod(
        NAMESPACE,
        all.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> d.getMetadata().getName().equals(deployment))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Deployment " + deployment))
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels());
  }

  private static Pod colored(Pod pod, String color) {
    var labels = new HashMap<>(pod.labels());
    labels.put(Labels.COLOR, color);
    return pod(pod.namespace(), labels);
  }

  /**
   * A pod another controller runs in the environment (connector, simulator, strategy), with the
   * shared labels.
   */
  private static Pod platformPod(Component component) {
    return pod(NAMESPACE, Labels.of("desk", component, "1.4.2"));
  }
}
