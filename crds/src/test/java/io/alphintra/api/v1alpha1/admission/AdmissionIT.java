package io.alphintra.api.v1alpha1.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.api.v1alpha1.schema.CommittedCrds;
import io.alphintra.api.v1alpha1.testing.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admission proof: on a real kube-apiserver with the generated CRDs installed, every example is
 * accepted and every invalid resource of the table is rejected with a message naming the offending
 * field, and every update of the transitions table is rejected by its transition rule, or accepted,
 * as the case says.
 */
class AdmissionIT {
  private static RealApiServer api;
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void start() {
    api = RealApiServer.start();
    client = api.client();
    namespace = api.newNamespace("admission");
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static List<AdmissionCase> invalidCases() {
    return AdmissionCases.load();
  }

  static List<TransitionCase> transitionCases() {
    return TransitionCases.load();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAccepted(Path example) throws IOException {
    List<HasMetadata> items = client.load(Files.newInputStream(example)).items();
    assertThat(items).isNotEmpty();
    for (HasMetadata item : items) {
      // Dry-run: each example is admitted on its own, without one TradingEnvironment per namespace
      // mattering here.
      HasMetadata created = client.resource(item).inNamespace(namespace).dryRun().create();
      assertThat(created.getMetadata().getName()).isEqualTo(item.getMetadata().getName());
    }
  }

  @ParameterizedTest
  @MethodSource("invalidCases")
  void everyInvalidResourceIsRejectedWithAMessageNamingTheField(AdmissionCase invalid) {
    HasMetadata resource = single(invalid.yaml());

    assertThatThrownBy(() -> client.resource(resource).inNamespace(namespace).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(invalid.expectedMessage());
  }

  @ParameterizedTest
  @MethodSource("transitionCases")
  void everyUpdateOfTheTransitionTableIsRejectedOrAcceptedAsItsCaseSays(TransitionCase transition) {
    HasMetadata before = single(transition.oldYaml());
    HasMetadata after = single(transition.newYaml());
    // Transition rules do not run on create: the updated resource is valid on its own, only the
    // change can fail.
    client.resource(after).inNamespace(namespace).dryRun().create();
    HasMetadata created = client.resource(before).inNamespace(namespace).create();
    after.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());

    if (transition.rejected()) {
      String field = CommittedCrds.fieldNamedIn(transition.ruleMessage()).orElseThrow();
      assertThatThrownBy(() -> client.resource(after).inNamespace(namespace).update())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getStatus().getDetails().getCauses())
                    .as("one rule rejects it, at the field it names")
                    .singleElement()
                    .satisfies(
                        cause -> {
                          assertThat(cause.getField()).isEqualTo(field);
                          assertThat(cause.getReason()).isEqualTo("FieldValueForbidden");
                        });
              })
          .hasMessageContaining(transition.ruleMessage());
    } else {
      HasMetadata updated = client.resource(after).inNamespace(namespace).update();
      assertThat(updated.getMetadata().getGeneration())
          .as("the changed spec was stored")
          .isEqualTo(2L);
    }
  }

  @Test
  void atLeastThirtyInvalidResourcesAreChecked() {
    assertThat(invalidCases()).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void kubectlApplyDryRunParsesEveryCrdOfTheFolder() throws Exception {
    String output = kubectl("apply", "--dry-run=client", "-f", ".", "-o", "name");

    assertThat(output.lines())
        .containsExactlyInAnyOrder(
            "customresourcedefinition.apiextensions.k8s.io/brokerconnections.trading.alphintra.io",
            "customresourcedefinition.apiextensions.k8s.io/strategies.trading.alphintra.io",
            "customresourcedefinition.apiextensions.k8s.io/tradingenvironments.trading.alphintra.io");
  }

  @Test
  void kubectlExplainShowsTheJavadocOfTheRolloutFields() throws Exception {
    String output = kubectl("explain", "tradingenvironment.spec.rollout");

    assertThat(output)
        .contains("How version changes are rolled out")
        .contains("scaleDownDelaySeconds")
        .contains("How long the previous color keeps running after promotion");
  }

  private static HasMetadata single(String yaml) {
    List<HasMetadata> items =
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    assertThat(items).singleElement();
    return items.get(0);
  }

  /**
   * Runs the toolchain's kubectl against this API server; fails with its output unless it exits 0.
   */
  private static String kubectl(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                RealApiServer.kubectl().toString(),
                "--kubeconfig",
                api.writeKubeconfig().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
