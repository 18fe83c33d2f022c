package io.alphintra.e2e.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What an offline cluster occupies on this machine, read from {@code /proc}: the processes whose
 * command line names the cluster (its control plane, its watchdog), its directory, and the TCP
 * ports those processes listen on.
 *
 * @param cluster the cluster's name
 * @param processes {@code <pid> <command line>} of each process naming the cluster
 * @param directories the cluster's directories that exist
 * @param ports the TCP ports the processes listen on
 */
record ClusterFootprint(
    String cluster, List<String> processes, List<Path> directories, Set<Integer> ports) {
  private static final Path PROC = Path.of("/proc");
  private static final String TCP_LISTEN = "0A";

  /** Where {@code offline-cluster.sh} keeps its clusters. */
  static Path clustersDir() {
    String workdir = System.getenv("ALPHINTRA_KWOK_WORKDIR");
    return (workdir == null || workdir.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "alphintra", "kwok")
            : Path.of(workdir))
        .resolve("clusters");
  }

  static ClusterFootprint of(String cluster) {
    List<String> processes = new ArrayList<>();
    Set<Long> sockets = new HashSet<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path dir :
          entries
              .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
              .toList()) {
        String cmdline = read(dir.resolve("cmdline")).replace('\0', ' ').strip();
        if (cmdline.contains(cluster)) {
          processes.add(dir.getFileName() + " " + cmdline);
          sockets.addAll(socketInodes(dir));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
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
    return new ClusterFootprint(cluster, List.copyOf(processes), directories, ports);
  }

  boolean isEmpty() {
    return processes.isEmpty() && directories.isEmpty() && ports.isEmpty();
  }

  /** The given ports that some process listens on now. */
  static Set<Integer> stillListening(Set<Integer> ports) {
    Set<Integer> listening = new TreeSet<>();
    for (TcpListener listener : tcpListeners()) {
      if (ports.contains(listener.port())) {
        listening.add(listener.port());
      }
    }
    return listening;
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
