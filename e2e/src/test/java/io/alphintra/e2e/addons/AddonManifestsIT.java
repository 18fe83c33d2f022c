package io.alphintra.e2e.addons;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The add-on manifests (e2e/toolchain/addons, rendered by addons.sh render) are admitted by the
 * real API server as they are, and run exactly the images addons.sh builds, never pulling.
 */
@ExtendWith(ClusterExtension.class)
class AddonManifestsIT {
  private static Cluster cluster;
  private static String clusterDnsIp;

  @TempDir static Path work;

  @BeforeAll
  static void useCluster(Cluster given) {
    cluster = given;
    clusterDnsIp = dnsIpInServiceRange();
  }

  @Test
  void renderedManifestsAreAdmittedByTheApiServerWithoutWarnings() throws Exception {
    Path manifests = work.resolve("addons.yaml");
    Files.writeString(
        manifests, Addon.render(cluster.toolchain(), Map.of("CLUSTER_DNS_IP", clusterDnsIp)));

    var applied =
        cluster.kubectl(
            Duration.ofMinutes(2),
            "apply",
            "--server-side",
            "--field-manager=addon-manifests-it",
            "--dry-run=server",
            "-f",
            manifests.toString());

    assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
    assertThat(applied.stdout() + applied.stderr())
        .as("warnings of the API server")
        .doesNotContainIgnoringCase("warning");
    assertThat(applied.stdout().lines())
        .containsExactlyInAnyOrder(
            Arrays.stream(
                    """
                    serviceaccount/coredns
                    clusterrole.rbac.authorization.k8s.io/alphintra:coredns
                    clusterrolebinding.rbac.authorization.k8s.io/alphintra:coredns
                    configmap/coredns
                    deployment.apps/coredns
                    service/kube-dns
                    serviceaccount/kube-router
                    clusterrole.rbac.authorization.k8s.io/alphintra:kube-router
                    clusterrolebinding.rbac.authorization.k8s.io/alphintra:kube-router
                    daemonset.apps/kube-router
                    serviceaccount/metrics-server
                    clusterrole.rbac.authorization.k8s.io/alphintra:aggregated-metrics-reader
                    clusterrole.rbac.authorization.k8s.io/alphintra:metrics-server
                    clusterrolebinding.rbac.authorization.k8s.io/alphintra:metrics-server
                    clusterrolebinding.rbac.authorization.k8s.io/alphintra:metrics-server:auth-delegator
                    rolebinding.rbac.authorization.k8s.io/alphintra:metrics-server:auth-reader
                    service/metrics-server
                    deployment.apps/metrics-server
                    apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io\
                    """
                        .split("\n"))
                .map(name -> name + " serverside-applied (server dry run)")
                .toArray(String[]::new));
  }

  @Test
  void everyContainerRunsAnAddonImageThatIsNeverPulled() {
    List<String> images =
        Arrays.stream(Addon.values()).map(a -> a.imageName(cluster.toolchain())).toList();

    List<Container> containers =
        objects(Map.of()).stream()
            .map(AddonManifestsIT::podSpec)
            .filter(s -> s != null)
            .flatMap(s -> s.getContainers().stream())
            .toList();

    assertThat(containers)
        .extracting(Container::getImage)
        .containsExactlyInAnyOrderElementsOf(images);
    assertThat(containers).allSatisfy(c -> assertThat(c.getImagePullPolicy()).isEqualTo("Never"));
  }

  @Test
  void everyWorkloadStaysOffKwokFakeNodes() {
    List<PodSpec> specs =
        objects(Map.of()).stream().map(AddonManifestsIT::podSpec).filter(s -> s != null).toList();

    assertThat(specs)
        .hasSize(Addon.values().length)
        .allSatisfy(
            spec ->
                assertThat(
                        spec.getAffinity()
                            .getNodeAffinity()
                            .getRequiredDuringSchedulingIgnoredDuringExecution()
                            .getNodeSelectorTerms())
                    .singleElement()
                    .satisfies(
                        term ->
                            assertThat(term.getMatchExpressions())
                                .anySatisfy(
                                    e -> {
                                      assertThat(e.getKey()).isEqualTo("type");
                                      assertThat(e.getOperator()).isEqualTo("NotIn");
                                      assertThat(e.getValues()).containsExactly("kwok");
                                    })));
  }

  @Test
  void clusterDnsAddressAndDomainComeFromTheRenderVariables() {
    List<HasMetadata> objects =
        objects(Map.of("CLUSTER_DNS_IP", "10.0.0.53", "CLUSTER_DOMAIN", "alphintra.test"));

    Service kubeDns = find(objects, Service.class, "kube-dns");
    assertThat(kubeDns.getSpec().getClusterIP()).isEqualTo("10.0.0.53");
    assertThat(kubeDns.getSpec().getPorts())
        .allSatisfy(p -> assertThat(p.getPort()).isIn(53, 9153));
    assertThat(find(objects, ConfigMap.class, "coredns").getData().get("Corefile"))
        .contains("kubernetes alphintra.test in-addr.arpa ip6.arpa {");
  }

  /**
   * A NetworkPolicy's DNS egress rule names port 53 and is matched against the pod's port after the
   * Service's DNAT: CoreDNS must listen on 53 itself, or every policy that allows DNS drops it.
   */
  @Test
  void coreDnsListensOnPort53ItselfSoPoliciesAllowingDnsMatchIt() {
    List<HasMetadata> objects = objects(Map.of());
    PodSpec coredns = podSpec(find(objects, Deployment.class, "coredns"));
    assertThat(coredns.getContainers().getFirst().getPorts())
        .filteredOn(p -> p.getName().startsWith("dns"))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(53));
    assertThat(coredns.getSecurityContext().getSysctls())
        .anySatisfy(
            s -> {
              assertThat(s.getName()).isEqualTo("net.ipv4.ip_unprivileged_port_start");
              assertThat(Integer.parseInt(s.getValue())).isLessThanOrEqualTo(53);
            });
    assertThat(find(objects, ConfigMap.class, "coredns").getData().get("Corefile"))
        .startsWith(".:53 {");
  }

  private static List<HasMetadata> objects(Map<String, String> env) {
    String yaml = Addon.render(cluster.toolchain(), env);
    return cluster
        .client()
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items();
  }

  private static PodSpec podSpec(HasMetadata o) {
    if (o instanceof Deployment d) {
      return d.getSpec().getTemplate().getSpec();
    }
    if (o instanceof DaemonSet d) {
      return d.getSpec().getTemplate().getSpec();
    }
    return null;
  }

  private static <T extends HasMetadata> T find(
      List<HasMetadata> objects, Class<T> kind, String name) {
    return objects.stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  /**
   * An address in this cluster's Service range: the kubernetes Service's address with .10 as its
   * last octet (kwokctl keeps kube-apiserver's default range 10.0.0.0/24, where addons.env's
   * 10.0.0.10 lies; another provider may use another range).
   */
  private static String dnsIpInServiceRange() {
    String apiServer =
        cluster
            .client()
            .services()
            .inNamespace("default")
            .withName("kubernetes")
            .get()
            .getSpec()
            .getClusterIP();
    return apiServer.substring(0, apiServer.lastIndexOf('.')) + ".10";
  }
}
