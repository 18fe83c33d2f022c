package io.alphintra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Desired state is computed by pure functions: the model packages (and the shared helpers they use) never import
 * the Kubernetes client or the operator runtime, so they cannot make API calls.
 */
class ModelBoundaryTest {
  private static final Path SOURCES = Path.of("src/main/java/io/alphintra/operator");
  private static final List<String> FORBIDDEN =
      List.of("import io.fabric8.kubernetes.client", "import io.javaoperatorsdk", "import io.alphintra.operator.runtime",
          "import java.net.http", "import io.micronaut");

  @Test
  void modelPackagesImportNeitherTheClientNorTheOperatorRuntime() throws IOException {
    List<Path> pure = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/model/") || p.toString().contains("/common/"))
          .forEach(pure::add);
    }
    assertThat(pure).as("model sources found").hasSizeGreaterThan(10);
    List<String> violations = new ArrayList<>();
    for (Path file : pure) {
      for (String line : Files.readAllLines(file)) {
        if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
          violations.add(file + ": " + line);
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
