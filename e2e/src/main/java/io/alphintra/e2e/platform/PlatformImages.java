package io.alphintra.e2e.platform;

import io.alphintra.e2e.cluster.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images a real node runs the platform from: the Jib tars of the operator and the five services
 * ({@code -Pimages}) and the managed database's image ({@code e2e/toolchain/postgres-image.sh},
 * built on first use). Nothing can be pulled on the real node, so all of them are imported into its
 * containerd.
 */
public final class PlatformImages {
  /** The modules whose {@code target/jib-image.tar} the platform needs. */
  public static final List<String> MODULES =
      List.of(
          "operator",
          "trading-services/auth-service",
          "trading-services/trading-api",
          "trading-services/broker-simulator",
          "trading-services/broker-connector",
          "trading-services/strategy-engine");

  /** How to build the Jib tars. */
  public static final String BUILD_COMMAND = "./mvnw -Pimages -DskipTests package";

  private final Toolchain toolchain;

  public PlatformImages(Toolchain toolchain) {
    this.toolchain = toolchain;
  }

  /** The Jib tars, in {@link #MODULES} order. */
  public List<Path> jibTars() {
    return MODULES.stream()
        .map(module -> toolchain.repoRoot().resolve(module).resolve("target/jib-image.tar"))
        .toList();
  }

  /** Why the platform cannot run from images here (a Jib tar is missing), or empty. */
  public Optional<String> missingReason() {
    List<String> missing =
        jibTars().stream()
            .filter(tar -> !Files.isRegularFile(tar))
            .map(tar -> toolchain.repoRoot().relativize(tar).toString())
            .toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "no image tar " + String.join(", ", missing) + " (build: " + BUILD_COMMAND + ")");
  }

  /** Every image tar to import: the Jib tars and the database's (built now if not cached). */
  public List<Path> all() {
    List<Path> tars = new ArrayList<>(jibTars());
    tars.add(Path.of(postgres("--print-path")));
    return tars;
  }

  /** The database image's reference, {@code alphintra.local/postgres:<version>}. */
  public String postgresImage() {
    return postgres("--print-image");
  }

  private String postgres(String flag) {
    return toolchain
        .run(
            List.of("bash", toolchain.script("postgres-image.sh").toString(), flag),
            Duration.ofMinutes(20))
        .requireSuccess("postgres-image.sh " + flag)
        .stdout()
        .strip();
  }
}
