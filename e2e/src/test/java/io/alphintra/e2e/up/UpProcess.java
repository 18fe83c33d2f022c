package io.alphintra.e2e.up;

import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.ClusterSettings;
import io.alphintra.e2e.cluster.Toolchain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The main job ({@link Up}, what {@code ./mvnw -pl e2e -am -Pup -DskipTests package} runs through
 * the exec plugin) in a JVM of its own on the test's classpath, forced onto the offline cluster,
 * its output in a log file. Closing it kills what is still running and deletes its cluster, so a
 * failed test leaves nothing behind.
 */
final class UpProcess implements AutoCloseable {
  /** Printed by the provider before {@code offline-cluster.sh up}: the cluster's name. */
  private static final Pattern CREATING = Pattern.compile("Creating offline cluster (\\S+),");

  private final Process process;
  private final Path log;
  private final Toolchain toolchain;

  private UpProcess(Process process, Path log, Toolchain toolchain) {
    this.process = process;
    this.log = log;
    this.toolchain = toolchain;
  }

  static UpProcess start(Path log) throws IOException {
    Files.createDirectories(log.getParent());
    Toolchain toolchain = Toolchain.locate();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-D" + Toolchain.REPO_ROOT_PROPERTY + "=" + toolchain.repoRoot(),
                "-D" + ClusterSettings.PROVIDER_PROPERTY + "=offline",
                "-cp",
                System.getProperty("java.class.path"),
                Up.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name -> name.startsWith("ALPHINTRA_E2E_") || name.equals("ALPHINTRA_KWOK_OWNER_PID"));
    env.put("ALPHINTRA_METRICS_PORT", "0");
    return new UpProcess(builder.start(), log, toolchain);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Waits until the output has a line containing {@code text}; fails at once when the job exits
   * first.
   */
  String awaitLine(String text, Duration timeout) {
    return awaitOutput(
        text, timeout, () -> lines().stream().filter(line -> line.contains(text)).findFirst());
  }

  /** The name of the cluster the job creates, once it has said it. */
  String awaitClusterName(Duration timeout) {
    return awaitOutput(
        "the cluster's name",
        timeout,
        () ->
            lines().stream()
                .map(CREATING::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst());
  }

  private <T> T awaitOutput(String what, Duration timeout, Supplier<Optional<T>> probe) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .alias(what + " in the output of the main job (" + log + ")")
        .until(
            () -> {
              Optional<T> found = probe.get();
              if (found.isEmpty() && !process.isAlive()) {
                throw new IllegalStateException(
                    "the main job exited with "
                        + process.exitValue()
                        + " before printing "
                        + what
                        + ":\n"
                        + tail(40));
              }
              return found;
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** Sends a signal by name ({@code TERM}, {@code HUP}, {@code KILL}), as {@code kill -s} does. */
  void signal(String signal) {
    Signals.send(signal, process.pid());
  }

  /** Waits for the job to exit and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the main job is still running " + timeout + " after it was told to stop:\n" + tail(40));
    }
    return process.exitValue();
  }

  List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of the output, for failure messages. */
  String tail(int count) {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    lines().stream()
        .map(CREATING::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .findFirst()
        .ifPresent(
            cluster ->
                toolchain.run(
                    List.of(
                        "bash", toolchain.script("offline-cluster.sh").toString(), "down", cluster),
                    Duration.ofMinutes(2)));
  }
}
