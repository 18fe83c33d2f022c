package io.alphintra.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code offline-cluster.sh down} without a name, on a work dir of its own whose clusters are
 * directories with an owner record and no process: it deletes the clusters whose owner is gone, a
 * reused pid or another boot included, and keeps those whose owner runs or that have no owner.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "owners are checked in /proc")
class LeftoverClustersIT {
  @TempDir Path workdir;

  @Test
  void downDeletesTheClustersWhoseOwnerIsGoneAndListsTheOthers() throws Exception {
    long self = ProcessHandle.current().pid();
    long startTime = startTime(self);
    String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();

    cluster("owner-runs", owner(self, startTime, boot));
    cluster("pid-reused", owner(self, startTime - 1, boot));
    cluster("other-boot", owner(self, startTime, "00000000-0000-0000-0000-000000000000"));
    cluster("owner-exited", owner(exited.pid(), startTime, boot));
    cluster("by-hand", null);

    Toolchain toolchain = Toolchain.locate();
    Toolchain.Result down =
        toolchain
            .run(
                List.of("bash", toolchain.script("offline-cluster.sh").toString(), "down"),
                Map.of("ALPHINTRA_KWOK_WORKDIR", workdir.toString()),
                Duration.ofMinutes(1))
            .requireSuccess("down");

    assertThat(down.stdout().lines())
        .containsExactly(
            "by-hand: kept, no owner recorded; remove it with: "
                + script(toolchain)
                + " down by-hand",
            "other-boot: its owner (pid " + self + ") is gone; deleting it",
            "other-boot: deleted",
            "owner-exited: its owner (pid " + exited.pid() + ") is gone; deleting it",
            "owner-exited: deleted",
            "owner-runs: kept, its owner (pid "
                + self
                + ") is running; stop that process, or: "
                + script(toolchain)
                + " down owner-runs",
            "pid-reused: its owner (pid " + self + ") is gone; deleting it",
            "pid-reused: deleted");
    try (Stream<Path> left = Files.list(workdir.resolve("clusters"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("by-hand", "owner-runs");
    }
  }

  private void cluster(String name, String owner) throws IOException {
    Path dir = Files.createDirectories(workdir.resolve("clusters").resolve(name));
    Files.writeString(dir.resolve("kubeconfig.yaml"), "");
    if (owner != null) {
      Files.writeString(dir.resolve("owner"), owner);
    }
  }

  private static String owner(long pid, long startTime, String boot) {
    return "pid=" + pid + "\nstarttime=" + startTime + "\nboot_id=" + boot + "\n";
  }

  private static String script(Toolchain toolchain) {
    return toolchain.script("offline-cluster.sh").toString();
  }

  /** Field 22 of /proc/<pid>/stat, after the command name in parentheses. */
  private static long startTime(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
  }
}
