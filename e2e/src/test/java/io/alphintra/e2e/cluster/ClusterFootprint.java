package io.alphintra.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What an offline cluster occupies on this machine, read from {@code /proc}: the processes whose
 * command line names the cluster (its control plane, its watchdog), its directories, the mounts
 * whose mount point names it, and the TCP ports those processes listen on.
 *
 * @param cluster the cluster's name
 * @param processes {@code <pid> <command line>} of each process naming the cluster
 * @param directories the cluster's directories that exist
 * @param mounts the mount points (of this process's mount namespace) naming the cluster
 * @param ports the TCP ports the processes listen on
 */
public record ClusterFootprint(
    String cluster,
    List<String> processes,
    List<Path> directories,
    List<String> mounts,
    Set<Integer> ports) {
  private static final Path PROC = Path.of("/proc");
  private static final String TCP_LISTEN = "0A";
  private static final List<String> CONTROL_PLANE =
      List.of(
          "/bin/etcd ",
          "/bin/kube-apiserver ",
          "/bin/kube-controller-manager ",
          "/bin/kube-scheduler ",
          "/bin/kwok-controller ");

  /**
   * Where {@code offline-cluster.sh} keeps its clusters, by the script's own rule: {@code $HOME},
   * not the JVM's {@code user.home}, which differs when HOME was changed for the run (as {@code
   * sudo -E} or a CI job may do).
   */
  public static Path clustersDir() {
    String workdir = System.getenv("ALPHINTRA_KWOK_WORKDIR");
    if (workdir != null && !workdir.isBlank()) {
      return Path.of(workdir).resolve("clusters");
    }
    String home = System.getenv("HOME");
    return Path.of(
            home == null || home.isBlank() ? System.getProperty("user.home") : home,
            ".cache",
            "alphintra",
            "kwok")
        .resolve("clusters");
  }

  public static ClusterFootprint of(String cluster) {
    List<String> processes = new ArrayList<>();
    Set<Long> sockets = new HashSet<>();
    for (Path dir : procDirs()) {
      String cmdline = read(dir.resolve("cmdline")).replace('\0', ' ').strip();
      if (cmdline.contains(cluster)) {
        processes.add(dir.getFileName() + " " + cmdline);
        sockets.addAll(socketInodes(dir));
      }
    }
    List<Path> directories =
        Stream.of(clustersDir().resolve(cluster), Path.of("/tmp/alphintra-kwok", cluster))
            .filter(Files::exists)
            .toList();
    Set<Integer> ports = new TreeSet<>();
    for (TcpListener listener : tcpListeners()) {
      if (sockets.contains(listener.inode())) {
        ports.add(listener.port());
      }
    }
    return new ClusterFootprint(
        cluster, List.copyOf(processes), directories, mounts(cluster), ports);
  }

  /**
   * Asserts that the whole cluster runs: its watchdog, each component of its control plane, and
   * ports they listen on.
   */
  public ClusterFootprint assertRunning() {
    assertThat(processes)
        .as("the processes of %s while it runs", cluster)
        .anyMatch(p -> p.contains("offline-cluster.sh watch " + cluster))
        .satisfies(
            running ->
                CONTROL_PLANE.forEach(
                    binary ->
                        assertThat(running)
                            .as("a process running %s", binary)
                            .anyMatch(p -> p.contains(binary))));
    assertThat(ports).as("ports the control plane of %s listens on", cluster).isNotEmpty();
    return this;
  }

  /**
   * Waits until nothing of the cluster is left: no process names it, its directories and mounts are
   * gone; collects the ports its processes listen on meanwhile, then asserts that none of those
   * ports (nor {@code knownPorts}, seen while it ran) is listening any more.
   *
   * @param output what the process that owned the cluster printed, for the failure message
   */
  public static void awaitGone(
      String cluster, Set<Integer> knownPorts, Duration timeout, Supplier<String> output) {
    Set<Integer> ports = new TreeSet<>(knownPorts);
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              ClusterFootprint now = of(cluster);
              ports.addAll(now.ports());
              assertThat(now.processes())
                  .as("processes naming %s; the owner's output:\n%s", cluster, output.get())
                  .isEmpty();
              assertThat(now.directories()).as("directories of %s", cluster).isEmpty();
              assertThat(now.mounts()).as("mounts of %s", cluster).isEmpty();
            });
    assertThat(stillListening(ports, cluster))
        .as("ports %s of %s still listening", ports, cluster)
        .isEmpty();
  }

  /**
   * The given ports that something listens on now, except listeners of processes that name another
   * offline cluster's directory: a cluster created meanwhile (another run on this machine) may have
   * been given a port this one freed.
   */
  private static Set<Integer> stillListening(Set<Integer> ports, String cluster) {
    Map<Long, Integer> listening = new HashMap<>();
    for (TcpListener listener : tcpListeners()) {
      if (ports.contains(listener.port())) {
        listening.put(listener.inode(), listener.port());
      }
    }
    String clusters = clustersDir() + "/";
    String own = clusters + cluster + "/";
    for (Path process : procDirs()) {
      String cmdline = read(process.resolve("cmdline")).replace('\0', ' ');
      if (cmdline.contains(clusters) && !cmdline.contains(own)) {
        socketInodes(process).forEach(listening::remove);
      }
    }
    return new TreeSet<>(listening.values());
  }

  /** Field 5 of /proc/self/mountinfo, the mount point (spaces escaped as {@code \040}). */
  private static List<String> mounts(String cluster) {
    return read(PROC.resolve("self/mountinfo"))
        .lines()
        .map(line -> line.split(" "))
        .filter(fields -> fields.length > 4 && fields[4].contains(cluster))
        .map(fields -> fields[4])
        .toList();
  }

  /** The {@code /proc/<pid>} directories. */
  private static List<Path> procDirs() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
  }

  private record TcpListener(int port, long inode) {}

  /** The listening sockets of /proc/net/tcp and tcp6: local address, state and inode columns. */
  private static List<TcpListener> tcpListeners() {
    List<TcpListener> listeners = new ArrayList<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      read(PROC.resolve(table))
          .lines()
          .skip(1)
          .map(String::strip)
          .map(line -> line.split("\\s+"))
          .filter(columns -> columns.length > 9 && TCP_LISTEN.equals(columns[3]))
          .forEach(
              columns ->
                  listeners.add(
                      new TcpListener(
                          Integer.parseInt(
                              columns[1].substring(columns[1].lastIndexOf(':') + 1), 16),
                          Long.parseLong(columns[9]))));
    }
    return listeners;
  }

  private static Set<Long> socketInodes(Path process) {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor was closed while listing
        }
      }
    } catch (IOException | UncheckedIOException gone) {
      // the process exited while listing, or is not ours to inspect
    }
    return inodes;
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return ""; // the process exited while listing
    }
  }
}
