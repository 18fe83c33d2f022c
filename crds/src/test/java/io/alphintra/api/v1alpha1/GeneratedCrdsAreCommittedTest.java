package io.alphintra.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.crdgen.CrdGeneration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CRDs committed in crds/ and in the Helm chart are exactly what the model generates today. */
class GeneratedCrdsAreCommittedTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final String STALE =
      "stale: regenerate the CRDs with `" + CrdGeneration.REFRESH_COMMAND + "` and commit them";

  private static Map<String, String> generated;

  @BeforeAll
  static void generate() {
    generated = CrdGeneration.generate(MODULE);
  }

  @Test
  void generatesOneCrdPerKindNamedPluralDotGroup() {
    assertThat(generated)
        .containsOnlyKeys(
            "tradingenvironments.trading.alphintra.io.yaml",
            "strategies.trading.alphintra.io.yaml",
            "brokerconnections.trading.alphintra.io.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".", "../helm/alphintra-operator/crds"})
  void committedCrdsEqualTheGeneratedOnesByteForByte(String directory) throws IOException {
    Path dir = MODULE.resolve(directory).normalize();

    assertThat(yamlFiles(dir))
        .as("CRD files in %s are %s", dir, STALE)
        .containsExactlyInAnyOrderElementsOf(generated.keySet());
    for (Map.Entry<String, String> crd : generated.entrySet()) {
      byte[] committed = Files.readAllBytes(dir.resolve(crd.getKey()));
      String message = dir.resolve(crd.getKey()) + " is " + STALE;
      assertThat(new String(committed, StandardCharsets.UTF_8))
          .as(message)
          .isEqualTo(crd.getValue());
      assertThat(committed).as(message).isEqualTo(crd.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
