package io.alphintra.api.v1alpha1.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's Helm chart (helm/alphintra-operator), checked with the toolchain's helm (built
 * from pinned source by e2e/toolchain/k8s-toolchain.sh): it lints cleanly, and what {@code helm
 * template} renders is admitted by a real kube-apiserver ({@code kubectl apply --dry-run=server})
 * into a namespace enforcing the restricted Pod Security Standard, without a single warning.
 */
class HelmChartIT {
  private static final Path CHART = RealApiServer.repository().resolve("helm/alphintra-operator");
  private static final String RELEASE = "alphintra";

  private static RealApiServer api;
  private static KubernetesClient client;
  private static Path kubeconfig;

  @TempDir static Path helmHome;

  @BeforeAll
  static void start() {
    api = RealApiServer.start();
    client = api.client();
    kubeconfig = api.writeKubeconfig();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void chartLintsWithoutWarningsForEveryValuesVariant() throws Exception {
    for (List<String> values :
        List.of(
            List.<String>of(),
            List.of("--set", "watchNamespaces={team-a,team-b}"),
            List.of("--set", "replicas=2", "--set", "leaderElection=true"),
            List.of("--set", "metrics.serviceMonitor.enabled=true"))) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", CHART.toString()));
      args.addAll(values);

      Result lint = helm(args);

      assertThat(lint.exitCode()).as("helm %s%n%s", String.join(" ", args), lint.output()).isZero();
      assertThat(lint.output()).as("helm %s", String.join(" ", args)).contains("0 chart(s) failed");
    }
  }

  @Test
  void clusterWideReleaseIsAdmittedUnderTheRestrictedStandardWithoutWarnings() throws Exception {
    String namespace = restrictedNamespace("chart");

    String rendered = template(namespace, List.of("--set", "replicas=2"));
    Result applied = dryRunApply(rendered);

    assertThat(applied.exitCode()).as(applied.output()).isZero();
    assertThat(applied.output())
        .as("warnings of the API server")
        .doesNotContainIgnoringCase("warning");
    assertThat(applied.output())
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/tradingenvironments.trading.alphintra.io",
            "serviceaccount/alphintra-operator serverside-applied (server dry run)",
            "clusterrole.rbac.authorization.k8s.io/alphintra-alphintra-operator serverside-applied (server dry run)",
            "clusterrolebinding.rbac.authorization.k8s.io/alphintra-alphintra-operator serverside-applied (server dry run)",
            "role.rbac.authorization.k8s.io/alphintra-alphintra-operator-own serverside-applied (server dry run)",
            "deployment.apps/alphintra-operator serverside-applied (server dry run)",
            "service/alphintra-operator-metrics serverside-applied (server dry run)");
  }

  @Test
  void restrictedNamespaceWarnsAboutAPodTemplateThatBreaksTheStandard() throws Exception {
    // The control for the "without warnings" assertions: this API server does warn in such a
    // namespace.
    String namespace = restrictedNamespace("control");
    String rootDeployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: runs-as-root
          namespace: %s
        spec:
          selector:
            matchLabels: {app: runs-as-root}
          template:
            metadata:
              labels: {app: runs-as-root}
            spec:
              containers:
                - name: app
                  image: ghcr.io/alphintra/broker-simulator:0.1.0
        """
            .formatted(namespace);

    Result applied = dryRunApply(rootDeployment);

    assertThat(applied.exitCode()).as(applied.output()).isZero();
    assertThat(applied.output())
        .contains("Warning: would violate PodSecurity \"restricted:latest\"");
  }

  @Test
  void watchedNamespacesGetRolesInsteadOfAClusterRole() throws Exception {
    String namespace = restrictedNamespace("chart");
    String teamA = restrictedNamespace("team-a");
    String teamB = restrictedNamespace("team-b");

    String rendered =
        template(namespace, List.of("--set", "watchNamespaces={" + teamA + "," + teamB + "}"));
    Result applied = dryRunApply(rendered);

    assertThat(applied.exitCode()).as(applied.output()).isZero();
    assertThat(applied.output())
        .as("warnings of the API server")
        .doesNotContainIgnoringCase("warning");
    // The one cluster-wide role left is the TokenReview binding rule: it grants nothing in
    // namespaces.
    List<ClusterRole> clusterRoles =
        objects(rendered).stream()
            .filter(o -> o.getKind().equals("ClusterRole"))
            .map(ClusterRole.class::cast)
            .toList();
    assertThat(clusterRoles)
        .singleElement()
        .satisfies(
            role ->
                assertThat(role.getRules())
                    .flatExtracting(PolicyRule::getResources)
                    .containsOnly("clusterrolebindings", "clusterroles"));
    List<HasMetadata> roles =
        objects(rendered).stream().filter(o -> o.getKind().equals("Role")).toList();
    assertThat(roles)
        .extracting(o -> o.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(teamA, teamB, namespace);
  }

  @Test
  void theOperatorPodIsReadyOnceItServesItsMetricsPort() throws Exception {
    Deployment deployment =
        objects(template("probes-test", List.of("--set", "replicas=2"))).stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    // Without a readiness probe a pod is Ready as soon as its JVM is started, before it serves.
    assertThat(operator.getReadinessProbe()).isNotNull();
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/-/healthy");
    assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal())
        .isEqualTo("metrics");
  }

  @Test
  void serviceMonitorScrapesTheMetricsServiceWhenEnabled() throws Exception {
    String rendered =
        template("monitoring-test", List.of("--set", "metrics.serviceMonitor.enabled=true"));

    HasMetadata monitor =
        objects(rendered).stream()
            .filter(o -> o.getKind().equals("ServiceMonitor"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ServiceMonitor rendered:\n" + rendered));
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    GenericKubernetesResource generic = (GenericKubernetesResource) monitor;
    assertThat((Object) generic.get("spec", "endpoints", 0, "port")).isEqualTo("metrics");
    assertThat((Object) generic.get("spec", "selector", "matchLabels", "app.kubernetes.io/name"))
        .isEqualTo("alphintra-operator");
    assertThat(objects(template("monitoring-test", List.of())))
        .noneMatch(o -> o.getKind().equals("ServiceMonitor"));
  }

  private static String restrictedNamespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(
                    Map.of(
                        "pod-security.kubernetes.io/enforce", "restricted",
                        "pod-security.kubernetes.io/warn", "restricted"))
                .endMetadata()
                .build())
        .create();
    return name;
  }

  private static String template(String namespace, List<String> values) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "template",
                RELEASE,
                CHART.toString(),
                "--namespace",
                namespace,
                "--include-crds",
                "--kube-version",
                RealApiServer.kubernetesVersion()));
    args.addAll(values);
    Result rendered = helm(args);
    assertThat(rendered.exitCode()).as(rendered.output()).isZero();
    return rendered.output();
  }

  private static List<HasMetadata> objects(String yaml) {
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  private static Result dryRunApply(String yaml) throws Exception {
    Path manifest = Files.createTempFile(helmHome, "rendered", ".yaml");
    Files.writeString(manifest, yaml);
    return run(
        List.of(
            RealApiServer.kubectl().toString(),
            "--kubeconfig",
            kubeconfig.toString(),
            // RealApiServer installed the same CRDs (server-side, as "fabric8"): a client-side
            // apply would warn about
            // its missing last-applied annotation, and a server-side one conflicts with fabric8
            // over the atomic
            // .spec.versions. Taking the fields over in a dry run changes nothing; admission is
            // what is checked here.
            "apply",
            "--server-side",
            "--force-conflicts",
            "--field-manager=helm-chart-it",
            "--dry-run=server",
            "-f",
            manifest.toString()),
        Map.of());
  }

  private static Result helm(List<String> args) throws Exception {
    Path helm = RealApiServer.toolchainBinary("helm");
    assertThat(helm).as("helm is built by: bash e2e/toolchain/k8s-toolchain.sh").isExecutable();
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(args);
    // Keeps helm's cache, config and data out of the user's home.
    return run(
        command,
        Map.of(
            "HELM_CACHE_HOME", helmHome.resolve("cache").toString(),
            "HELM_CONFIG_HOME", helmHome.resolve("config").toString(),
            "HELM_DATA_HOME", helmHome.resolve("data").toString()));
  }

  private static Result run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}
}
