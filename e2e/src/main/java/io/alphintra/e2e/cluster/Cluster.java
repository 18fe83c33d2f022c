package io.alphintra.e2e.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running cluster for end-to-end tests: its kubeconfig (and context), a client, the built
 * kubectl, and the teardown of whatever the provider started. Closing it tears that down; a JVM
 * shutdown hook does the same if the JVM exits first (Ctrl-C, SIGTERM, SIGHUP, an exception out of
 * main). A JVM killed without running its hooks (SIGKILL, a crash) leaves an offline cluster to its
 * watchdog (see {@link OfflineClusterProvider}).
 */
public final class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

  /** The annotation kwok puts on the nodes it fakes. */
  public static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";

  private final ProviderKind kind;
  private final String description;
  private final Path kubeconfig;
  private final String context;
  private final Toolchain toolchain;
  private final Runnable teardown;
  private final boolean startedHere;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Deque<AutoCloseable> closeFirst = new ConcurrentLinkedDeque<>();
  private final Thread shutdownHook;
  private volatile KubernetesClient client;
  private volatile Boolean fakeNodes;

  /** How long closing one resource before the teardown may take. */
  static final Duration CLOSE_BOUND = Duration.ofSeconds(20);

  /** A cluster the provider started; {@code teardown} (null: nothing was started) removes it. */
  Cluster(
      ProviderKind kind,
      String description,
      Path kubeconfig,
      String context,
      Toolchain toolchain,
      Runnable teardown) {
    this.startedHere = teardown != null;
    teardown = teardown == null ? () -> {} : teardown;
    this.kind = kind;
    this.description = description;
    this.kubeconfig = kubeconfig;
    this.context = context;
    this.toolchain = toolchain;
    this.teardown = teardown;
    this.shutdownHook = new Thread(this::tearDown, "e2e-cluster-teardown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public ProviderKind kind() {
    return kind;
  }

  /** What the cluster is, e.g. "offline cluster e2e-3f9a1c (kwok, Kubernetes v1.34.4)". */
  public String description() {
    return description;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubeconfig context to use, or null for the kubeconfig's current context. */
  public String context() {
    return context;
  }

  /**
   * Whether pods run on kwok fake nodes, which honour the {@code alphintra.io/fake-ready}
   * annotation: always for the offline cluster, and for a given cluster whose nodes are all kwok
   * nodes (e.g. an offline cluster started by hand).
   */
  public boolean fakeNodes() {
    if (kind == ProviderKind.OFFLINE) {
      return true;
    }
    if (fakeNodes == null) {
      var nodes = client().nodes().list().getItems();
      fakeNodes =
          !nodes.isEmpty()
              && nodes.stream()
                  .allMatch(
                      n ->
                          n.getMetadata().getAnnotations() != null
                              && n.getMetadata()
                                  .getAnnotations()
                                  .containsKey(KWOK_NODE_ANNOTATION));
    }
    return fakeNodes;
  }

  public Toolchain toolchain() {
    return toolchain;
  }

  /**
   * Imports image tars ({@code docker save} or Jib tars) into the real node's containerd, so pods
   * with {@code imagePullPolicy: IfNotPresent} find them: nothing can be pulled there.
   */
  public void importImages(List<Path> tars) {
    if (kind != ProviderKind.REAL_NODE) {
      throw new IllegalStateException(description + " has no real node to import images into");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                toolchain.script("offline-cluster.sh").toString(),
                "import",
                kubeconfig.getParent().getFileName().toString()));
    tars.forEach(tar -> command.add(tar.toString()));
    toolchain.run(command, Duration.ofMinutes(5)).requireSuccess("offline-cluster.sh import");
  }

  /** A client shared by the callers of this method; closed with the cluster. */
  public KubernetesClient client() {
    if (client == null) {
      synchronized (this) {
        if (client == null) {
          client = newClient();
        }
      }
    }
    return client;
  }

  /** A new client the caller owns (the operator closes the client it is given). */
  public KubernetesClient newClient() {
    Config config = Config.fromKubeconfig(context, kubeconfig.toFile());
    config.setRequestTimeout(30_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Runs the built kubectl against this cluster. */
  public Toolchain.Result kubectl(Duration timeout, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(toolchain.kubectl().toString(), "--kubeconfig", kubeconfig.toString()));
    if (context != null) {
      command.add("--context");
      command.add(context);
    }
    command.addAll(List.of(args));
    return toolchain.run(command, timeout);
  }

  /**
   * Closes {@code resource} before the cluster is torn down, also from the shutdown hook (an
   * operator running against the cluster stops before its API server goes away). Resources close in
   * reverse order of registration.
   */
  public <T extends AutoCloseable> T closeBeforeTeardown(T resource) {
    closeFirst.push(resource);
    return resource;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or about to; tearDown is idempotent
    }
    tearDown();
  }

  private void tearDown() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (AutoCloseable resource; (resource = closeFirst.poll()) != null; ) {
      closeBounded(resource, CLOSE_BOUND);
    }
    if (client != null) {
      client.close();
    }
    if (!startedHere) {
      LOG.info("Leaving {} running: it was given, not started, by the tests", description);
      return;
    }
    LOG.info("Tearing down {}", description);
    try {
      teardown.run();
      LOG.info("Torn down: {}", description);
    } catch (RuntimeException e) {
      LOG.warn("Teardown of {} failed: {}", description, e.getMessage());
    }
  }

  /**
   * Closes {@code resource} (e.g. the operator) on a thread of its own and waits at most {@code
   * bound}: a stop that hangs must not keep the cluster, or the job that owns it, alive. What still
   * runs then is logged with every thread's stack, so the hang can be found. Returns whether the
   * close finished.
   */
  static boolean closeBounded(AutoCloseable resource, Duration bound) {
    Thread closer =
        Thread.ofPlatform()
            .daemon()
            .name("e2e-close")
            .start(
                () -> {
                  try {
                    resource.close();
                  } catch (Exception e) {
                    LOG.warn("Closing {} before teardown failed: {}", resource, e.toString());
                  }
                });
    try {
      closer.join(bound);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      StringBuilder stacks = new StringBuilder();
      Thread.getAllStackTraces()
          .forEach(
              (thread, frames) -> {
                stacks
                    .append("\n\"")
                    .append(thread.getName())
                    .append("\" ")
                    .append(thread.getState());
                for (StackTraceElement frame : frames) {
                  stacks.append("\n    at ").append(frame);
                }
              });
      LOG.warn(
          "Closing {} did not finish within {}; tearing the cluster down anyway. Threads:{}",
          resource,
          bound,
          stacks);
      return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return description;
  }
}
