package io.alphintra.e2e.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM of its own that starts and owns an offline cluster, the way a user or CI runs one: the main
 * job ({@code Up}) or an E2E run, on the test's classpath, forced onto the offline cluster (kwok's
 * fake node unless told otherwise), its output in a log file. A test signals or kills it and checks
 * what is left. Closing it kills what is still running and deletes its cluster, so a failed test
 * leaves nothing behind.
 */
public final class ClusterOwnerJvm implements AutoCloseable {
  /** Printed by the provider before {@code offline-cluster.sh up}: the cluster's name. */
  private static final Pattern CREATING = Pattern.compile("Creating offline cluster (\\S+),");

  private final String what;
  private final Process process;
  private final Path log;
  private final Toolchain toolchain;

  private ClusterOwnerJvm(String what, Process process, Path log, Toolchain toolchain) {
    this.what = what;
    this.process = process;
    this.log = log;
    this.toolchain = toolchain;
  }

  /**
   * Starts {@code mainClass} with {@code args}; {@code what} names it in messages ("the main job").
   */
  public static ClusterOwnerJvm start(String what, String mainClass, List<String> args, Path log)
      throws IOException {
    return start(what, mainClass, args, log, ProviderKind.OFFLINE);
  }

  /** Starts {@code mainClass} with {@code args}, forced onto {@code provider}. */
  public static ClusterOwnerJvm start(
      String what, String mainClass, List<String> args, Path log, ProviderKind provider)
      throws IOException {
    Files.createDirectories(log.getParent());
    Toolchain toolchain = Toolchain.locate();
    List<String> command =
        new ArrayList<>(
            List.of(
                // A run started under nohup (or any parent ignoring a signal) passes the ignored
                // disposition on, and a JVM installs no handler for a signal ignored at its start:
                // the job would never see the SIGHUP or SIGTERM a test sends. coreutils' env
                // resets them to their defaults first.
                "env",
                "--default-signal=HUP,INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-D" + Toolchain.REPO_ROOT_PROPERTY + "=" + toolchain.repoRoot(),
                "-D" + ClusterSettings.PROVIDER_PROPERTY + "=" + provider.id(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("ALPHINTRA_E2E_")
                    || name.equals(OfflineClusterProvider.OWNER_PID_ENV));
    env.put("ALPHINTRA_METRICS_PORT", "0");
    return new ClusterOwnerJvm(what, builder.start(), log, toolchain);
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Waits until the output has a line containing {@code text}; fails at once when the JVM exits
   * first.
   */
  public String awaitLine(String text, Duration timeout) {
    return awaitOutput(
        text, timeout, () -> lines().stream().filter(line -> line.contains(text)).findFirst());
  }

  /** The name of the cluster the JVM creates, once it has said it. */
  public String awaitClusterName(Duration timeout) {
    return awaitOutput("the cluster's name", timeout, this::clusterName);
  }

  private Optional<String> clusterName() {
    return lines().stream()
        .map(CREATING::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .findFirst();
  }

  private <T> T awaitOutput(String expected, Duration timeout, Supplier<Optional<T>> probe) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .alias(expected + " in the output of " + what + " (" + log + ")")
        .until(
            () -> {
              Optional<T> found = probe.get();
              if (found.isEmpty() && !process.isAlive()) {
                throw new IllegalStateException(
                    what
                        + " exited with "
                        + process.exitValue()
                        + " before printing "
                        + expected
                        + ":\n"
                        + tail(40));
              }
              return found;
            },
            Optional::isPresent)
        .orElseThrow();
  }

  /** Sends a signal by name ({@code TERM}, {@code HUP}, {@code KILL}), as {@code kill -s} does. */
  public void signal(String signal) {
    Signals.send(signal, process.pid());
  }

  /** Waits for the JVM to exit and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          what + " is still running " + timeout + " after it was told to stop:\n" + tail(40));
    }
    return process.exitValue();
  }

  public List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The last lines of the output, for failure messages. */
  public String tail(int count) {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    clusterName()
        .ifPresent(
            cluster ->
                toolchain.run(
                    List.of(
                        "bash", toolchain.script("offline-cluster.sh").toString(), "down", cluster),
                    Duration.ofMinutes(2)));
  }
}
