package io.alphintra.e2e.addons;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.e2e.cluster.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed database's image for the real node (e2e/toolchain/postgres-image.sh): PostgreSQL from
 * Debian's packages on the base image's own layer, run as the operator's StatefulSet runs it (uid
 * 70, its environment, a data directory of its own), reproducible to the byte.
 */
class PostgresImageIT {
  private static Toolchain toolchain;
  private static Path imageTar;
  private static Path baseTar;
  private static DockerArchive image;

  @BeforeAll
  static void buildImage() throws IOException {
    toolchain = Toolchain.locate();
    baseTar = Path.of(printed("base-image.sh", "--print-path", Map.of()));
    imageTar = Path.of(printed("postgres-image.sh", "--print-path", Map.of()));
    image = DockerArchive.read(imageTar);
  }

  @Test
  void itIsNamedAsTheTestsConfigureTheOperatorAndStandsOnTheBaseImagesLayer() throws IOException {
    assertThat(image.repoTag())
        .isEqualTo(printed("postgres-image.sh", "--print-image", Map.of()))
        .startsWith("alphintra.local/postgres:15.");
    DockerArchive base = DockerArchive.read(baseTar);

    assertThat(image.layers()).hasSize(2);
    assertThat(image.config().at("/rootfs/diff_ids/0").asText())
        .as("the first layer is the base image's, byte for byte, so a node stores it once")
        .isEqualTo(base.config().at("/rootfs/diff_ids/0").asText());
    List<String> upperTopLevel = new ArrayList<>();
    image.layers().get(1).byName().keySet().stream()
        .map(name -> name.contains("/") ? name.substring(0, name.indexOf('/')) : name)
        .distinct()
        .forEach(upperTopLevel::add);
    assertThat(upperTopLevel)
        .as("a real /lib, /bin or /sbin would hide the base's merged-/usr links")
        .doesNotContain("lib", "lib64", "bin", "sbin");
    for (String link : List.of("lib", "lib64", "bin", "sbin")) {
      assertThat(image.fileSystem().get(link).isSymlink()).as("/%s is a link", link).isTrue();
    }
  }

  @Test
  void itRunsAsUid70WithTheServerToolsOnItsPath() {
    assertThat(image.config().at("/config/User").asText()).isEqualTo("70:70");
    List<String> env = new ArrayList<>();
    image.config().at("/config/Env").forEach(e -> env.add(e.asText()));
    assertThat(env).anyMatch(e -> e.startsWith("PATH=/usr/lib/postgresql/15/bin:"));
    String passwd = new String(image.resolve("etc/passwd").content(), StandardCharsets.UTF_8);
    assertThat(passwd).contains("\npostgres:x:70:70:").contains("\nnonroot:x:65532:65532:");
    for (String tool : List.of("postgres", "initdb", "pg_isready", "psql")) {
      TarEntries.Entry entry = image.resolve("/usr/lib/postgresql/15/bin/" + tool);
      assertThat(entry).as(tool).isNotNull();
      assertThat(entry.mode() & 0111).as("execute bits of %s", tool).isEqualTo(0111);
    }
    TarEntries.Entry entrypoint = image.resolve("/usr/local/bin/postgres-entrypoint");
    assertThat(image.config().at("/config/Entrypoint/0").asText())
        .isEqualTo("/usr/local/bin/postgres-entrypoint");
    assertThat(entrypoint.mode() & 0111).isEqualTo(0111);
  }

  @Test
  void itInitializesOnceAcceptsThePasswordAndRefusesAnyOther(@TempDir Path work) {
    Path script = toolchain.repoRoot().resolve("e2e/src/test/resources/postgres/try-image.sh");

    Toolchain.Result run =
        toolchain
            .run(
                List.of("bash", script.toString(), imageTar.toString(), work.toString(), "55437"),
                Duration.ofMinutes(3))
            .requireSuccess("try-image.sh");

    assertThat(run.stdout().lines().toList())
        .containsExactly(
            "ready=yes", "login=alphintra/alphintra", "wrong_password=refused", "initialized=1");
  }

  @Test
  void aSecondBuildIntoAnotherCacheGivesTheSameBytes(@TempDir Path otherCache) throws IOException {
    Path rebuilt =
        Path.of(
            printed(
                "postgres-image.sh",
                "--print-path",
                Map.of(
                    "ALPHINTRA_IMAGE_CACHE",
                    otherCache.toString(),
                    "ALPHINTRA_BASE_IMAGE",
                    baseTar.toString())));

    assertThat(rebuilt).isNotEqualTo(imageTar);
    assertThat(DockerArchive.sha256(Files.readAllBytes(rebuilt)))
        .isEqualTo(DockerArchive.sha256(Files.readAllBytes(imageTar)));
  }

  private static String printed(String script, String flag, Map<String, String> env) {
    return toolchain
        .run(
            List.of("bash", toolchain.script(script).toString(), flag), env, Duration.ofMinutes(20))
        .requireSuccess(script + " " + flag)
        .stdout()
        .strip();
  }
}
