package io.alphintra.e2e.cluster;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository checkout and the offline Kubernetes toolchain in {@code e2e/toolchain}: where the
 * scripts, the CRDs and the examples are, and how to run the scripts and the built kubectl.
 */
public final class Toolchain {
  /**
   * System property with the repository root; Maven sets it, otherwise it is searched upwards from
   * the cwd.
   */
  public static final String REPO_ROOT_PROPERTY = "alphintra.repo.root";

  /** System property with another directory of CRD YAML to install instead of {@code crds/}. */
  public static final String CRDS_PROPERTY = "alphintra.e2e.crds";

  private final Path repoRoot;
  private volatile Path binDir;

  private Toolchain(Path repoRoot) {
    this.repoRoot = repoRoot;
  }

  /** The toolchain of the repository this JVM runs from. */
  public static Toolchain locate() {
    String configured = System.getProperty(REPO_ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path root = Path.of(configured).toAbsolutePath().normalize();
      if (Files.isRegularFile(root.resolve("e2e/toolchain/offline-cluster.sh"))) {
        return new Toolchain(root);
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("e2e/toolchain/offline-cluster.sh"))) {
        return new Toolchain(dir);
      }
    }
    throw new IllegalStateException(
        "cannot find the Alphintra repository (no e2e/toolchain/offline-cluster.sh above "
            + Path.of("").toAbsolutePath()
            + "): run from the checkout or set -D"
            + REPO_ROOT_PROPERTY
            + "=<checkout>");
  }

  public Path repoRoot() {
    return repoRoot;
  }

  /**
   * The CRDs to install: {@code crds/*.yaml}, or the {@code *.yaml} of the directory named by
   * {@code -Dalphintra.e2e.crds} (e.g. {@code helm/alphintra-operator/crds}).
   */
  public List<Path> crdFiles() {
    String override = System.getProperty(CRDS_PROPERTY);
    Path dir =
        override == null || override.isBlank()
            ? repoRoot.resolve("crds")
            : repoRoot.resolve(override);
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list the CRDs in " + dir, e);
    }
  }

  /** An example resource from {@code crds/examples}. */
  public Path example(String fileName) {
    return repoRoot.resolve("crds/examples").resolve(fileName);
  }

  public Path script(String name) {
    return repoRoot.resolve("e2e/toolchain").resolve(name);
  }

  /**
   * The directory of the built binaries; builds them first when they are not cached (about 10
   * minutes).
   */
  public Path binDir() {
    if (binDir == null) {
      Result r =
          run(
              List.of("bash", script("k8s-toolchain.sh").toString(), "--print-bin-dir"),
              Duration.ofMinutes(30));
      r.requireSuccess("k8s-toolchain.sh --print-bin-dir");
      binDir = Path.of(r.stdout().strip());
    }
    return binDir;
  }

  public Path kubectl() {
    return binDir().resolve("kubectl");
  }

  /** Runs a command, capturing stdout and stderr. */
  public Result run(List<String> command, Duration timeout) {
    return run(command, Map.of(), timeout);
  }

  /**
   * Runs a command with {@code env} added to this JVM's environment, capturing stdout and stderr.
   */
  public Result run(List<String> command, Map<String, String> env, Duration timeout) {
    try {
      Path out = Files.createTempFile("alphintra-cmd", ".out");
      Path err = Files.createTempFile("alphintra-cmd", ".err");
      try (FileChannel stdout = FileChannel.open(out, StandardOpenOption.READ);
          FileChannel stderr = FileChannel.open(err, StandardOpenOption.READ)) {
        Process p;
        try {
          ProcessBuilder builder =
              new ProcessBuilder(command)
                  .directory(repoRoot.toFile())
                  .redirectOutput(out.toFile())
                  .redirectError(err.toFile());
          builder.environment().putAll(env);
          p = builder.start();
        } finally {
          // Unlinked at once: the command and the readers hold them open, and a killed JVM leaves
          // nothing in /tmp.
          Files.deleteIfExists(out);
          Files.deleteIfExists(err);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          return new Result(
              command, -1, read(stdout), read(stderr) + "\n(timed out after " + timeout + ")");
        }
        return new Result(command, p.exitValue(), read(stdout), read(stderr));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static String read(FileChannel channel) throws IOException {
    return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
  }

  /** What a finished command printed. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    public Result requireSuccess(String what) {
      if (!ok()) {
        throw new IllegalStateException(
            what
                + " failed with exit code "
                + exitCode
                + "\n--- stdout\n"
                + stdout
                + "\n--- stderr\n"
                + tail(stderr, 4000));
      }
      return this;
    }

    private static String tail(String s, int max) {
      return s.length() <= max ? s : "…" + s.substring(s.length() - max);
    }
  }
}
