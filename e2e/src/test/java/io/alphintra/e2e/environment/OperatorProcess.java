package io.alphintra.e2e.environment;

import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.config.OperatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator in a JVM of its own ({@link OperatorMain#main}, the test's classpath), so that a
 * test can kill it the way a node or the OOM killer does: SIGKILL, no shutdown hook, a
 * reconciliation possibly cut in half. Its output goes to a log file; its health checks go to
 * {@link FakeServiceEndpoints} through the URL template.
 */
final class OperatorProcess implements AutoCloseable {
  private final Process process;

  private OperatorProcess(Process process) {
    this.process = process;
  }

  static OperatorProcess start(
      Cluster cluster, Path kubeconfig, String namespace, FakeServiceEndpoints endpoints, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                // fabric8 reads the kubeconfig from here as from $KUBECONFIG. On the command line
                // it names an offline cluster's directory, so that deleting the cluster (its
                // watchdog, after this test's JVM was killed with no hook to close this process)
                // stops this JVM with the control plane.
                "-Dkubeconfig=" + kubeconfig,
                "-cp",
                System.getProperty("java.class.path"),
                OperatorMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ALPHINTRA_") || name.startsWith("KUBERNETES_"));
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put(OperatorConfig.WATCH_NAMESPACES.env(), namespace);
    env.put(OperatorConfig.METRICS_PORT.env(), "0");
    env.put(OperatorConfig.LEADER_ELECTION.env(), "false");
    env.put(OperatorConfig.HEALTH_CHECK_URL_TEMPLATE.env(), endpoints.urlTemplate());
    return cluster.closeBeforeTeardown(new OperatorProcess(builder.start()));
  }

  /**
   * A kubeconfig the operator's default client reads as is: the cluster's own, or, when the cluster
   * names a context, a flattened copy whose current context is that one.
   */
  static Path kubeconfig(Cluster cluster, Path dir) throws IOException {
    if (cluster.context() == null) {
      return cluster.kubeconfig();
    }
    String flattened =
        cluster
            .kubectl(
                java.time.Duration.ofSeconds(30),
                "config",
                "view",
                "--minify",
                "--flatten",
                "--raw")
            .requireSuccess("kubectl config view")
            .stdout();
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("kubeconfig"), flattened, StandardCharsets.UTF_8);
  }

  /** SIGKILL (on Unix, {@link Process#destroyForcibly}), and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "operator process " + process.pid() + " did not exit after SIGKILL");
    }
  }

  /** Waits up to {@code timeout} for the process to end by itself; whether it did. */
  boolean endsWithin(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Reads the log of the runs so far, for a failure message. */
  static List<String> tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("cannot read " + log + ": " + e);
    }
  }
}
