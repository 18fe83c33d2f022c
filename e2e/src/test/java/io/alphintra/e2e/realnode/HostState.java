package io.alphintra.e2e.realnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a real node changes on the host, read from the kernel and the netfilter tools: veth
 * interfaces, the CNI bridge, the iptables/ip6tables chains and rules, the nftables tables, the
 * ipsets, sysctls kubelet and kube-proxy set and the kubepods cgroups. Two captures compare equal
 * when the node left nothing behind.
 *
 * @param links network interfaces other than veths ({@code ip -o link}), by name
 * @param veths veth interfaces, by name
 * @param netfilter per family and table, its chains and rules ({@code -A} lines, counters dropped)
 * @param nftTables {@code nft list tables}
 * @param ipsets {@code ipset list -n}: kube-router's KUBE-SRC-* and KUBE-DST-* sets among them
 * @param sysctls the values of the settings kubelet and kube-proxy write
 * @param kubepodsCgroups the cgroup hierarchies holding a {@code kubepods} cgroup
 */
record HostState(
    Set<String> links,
    Set<String> veths,
    Map<String, List<String>> netfilter,
    Set<String> nftTables,
    Set<String> ipsets,
    Map<String, String> sysctls,
    Set<String> kubepodsCgroups) {

  /** The settings e2e/toolchain/real-node.sh records and restores. */
  static final List<String> SYSCTLS =
      List.of(
          "vm/overcommit_memory",
          "vm/panic_on_oom",
          "kernel/panic",
          "kernel/panic_on_oops",
          "kernel/keys/root_maxkeys",
          "kernel/keys/root_maxbytes",
          "net/ipv4/conf/all/route_localnet",
          "net/ipv4/ip_forward",
          "net/ipv6/conf/all/forwarding",
          "net/bridge/bridge-nf-call-iptables",
          "net/netfilter/nf_conntrack_max",
          "net/netfilter/nf_conntrack_tcp_timeout_established");

  static HostState capture() {
    Set<String> veths = linkNames("ip", "-o", "link", "show", "type", "veth");
    Set<String> links = linkNames("ip", "-o", "link", "show");
    links.removeAll(veths);
    Map<String, List<String>> netfilter = new TreeMap<>();
    for (String family : List.of("iptables", "ip6tables")) {
      String table = null;
      for (String line : run(family + "-save").lines().toList()) {
        if (line.startsWith("*")) {
          table = family + " " + line.substring(1);
          netfilter.put(table, new ArrayList<>());
        } else if (line.startsWith(":")) {
          netfilter.get(table).add("chain " + line.substring(1).split(" ")[0]);
        } else if (line.startsWith("-A ")) {
          netfilter.get(table).add(line);
        }
      }
    }
    Set<String> nftTables = new TreeSet<>(run("nft", "list", "tables").lines().toList());
    Set<String> ipsets = new TreeSet<>(run("ipset", "list", "-n").lines().toList());
    Map<String, String> sysctls = new TreeMap<>();
    for (String key : SYSCTLS) {
      Path file = Path.of("/proc/sys", key);
      if (Files.exists(file)) {
        sysctls.put(key, read(file).strip());
      }
    }
    Set<String> kubepods = new TreeSet<>();
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      hierarchies
          .filter(h -> Files.isDirectory(h.resolve("kubepods")))
          .forEach(h -> kubepods.add(h.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HostState(links, veths, netfilter, nftTables, ipsets, sysctls, kubepods);
  }

  /** Processes whose command line names {@code dir}: the node's and the control plane's. */
  static List<String> processesUnder(Path dir) {
    String needle = dir + "/";
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline;
        try {
          cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
          continue;
        }
        if (cmdline.contains(needle)) {
          found.add(proc.getFileName() + " " + cmdline.replace('\0', ' ').strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** Mount points under {@code dir} (kubelet's root, volumes, rootfs overlays, shm, netns). */
  static List<String> mountsUnder(Path dir) {
    String prefix = dir + "/";
    return read(Path.of("/proc/self/mountinfo"))
        .lines()
        .map(line -> line.split(" ")[4])
        .filter(mountPoint -> mountPoint.startsWith(prefix) || mountPoint.equals(dir.toString()))
        .toList();
  }

  /** Resident memory, in MiB, of the processes whose command line names {@code dir}. */
  static long residentMebibytesUnder(Path dir) {
    long kib = 0;
    for (String process : processesUnder(dir)) {
      Path status = Path.of("/proc", process.substring(0, process.indexOf(' ')), "status");
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            kib += Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException gone) {
        // exited meanwhile
      }
    }
    return kib / 1024;
  }

  private static Set<String> linkNames(String... command) {
    Set<String> names = new TreeSet<>();
    run(command).lines().forEach(line -> names.add(line.split(": ", 3)[1].split("@")[0]));
    return names;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)
          || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
