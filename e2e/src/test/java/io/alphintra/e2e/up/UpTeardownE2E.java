package io.alphintra.e2e.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.ClusterFootprint;
import io.alphintra.e2e.cluster.ClusterOwnerJvm;
import io.alphintra.e2e.cluster.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The main job stopped the ways a script, a service manager or a crash stop it, each time with a
 * real offline cluster: afterwards no process names the cluster, its directory and mounts are gone
 * and none of the ports its processes listened on is listening. A signal runs the shutdown hooks;
 * SIGKILL leaves it to the cluster's watchdog, or, when the watchdog was killed too, to the next
 * run.
 */
@EnabledOnOs(
    value = OS.LINUX,
    disabledReason = "reads /proc; the offline cluster runs on Linux only")
class UpTeardownE2E {
  private static final Duration UP = Duration.ofMinutes(4);
  private static final Duration GONE = Duration.ofMinutes(1);

  private final List<ClusterOwnerJvm> jobs = new ArrayList<>();

  @AfterEach
  void stopJobs() throws InterruptedException {
    for (ClusterOwnerJvm job : jobs) {
      job.close();
    }
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "HUP"})
  void aSignalStopsTheJobAndDeletesItsCluster(String signal) throws Exception {
    ClusterOwnerJvm job = start("signal-" + signal);
    String cluster = job.awaitClusterName(UP);
    job.awaitLine("Alphintra is up", UP);
    ClusterFootprint running = ClusterFootprint.of(cluster).assertRunning();

    long stop = System.nanoTime();
    job.signal(signal);
    assertThat(job.awaitExit(GONE))
        .as("exit code 128 + %s", signal)
        .isEqualTo(Signals.exitCode(signal));
    assertThat(job.lines())
        .as("the shutdown hook's log")
        .anyMatch(l -> l.contains("Torn down: offline cluster " + cluster));
    awaitGone(cluster, running.ports(), job);
    report("SIG" + signal + " after 'Alphintra is up'", stop);
  }

  @Test
  void aJobKilledWhileItCreatesItsClusterLeavesTheClusterToItsWatchdog() throws Exception {
    ClusterOwnerJvm job = start("kill-while-creating");
    String cluster = job.awaitClusterName(UP);
    Path apiServerPid =
        ClusterFootprint.clustersDir().resolve(cluster).resolve("pids/kube-apiserver.pid");
    await().atMost(UP).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(apiServerPid));
    ClusterFootprint halfway = ClusterFootprint.of(cluster);
    assertThat(halfway.processes())
        .as("processes of %s half-way through its creation", cluster)
        .anyMatch(p -> p.contains("/bin/kube-apiserver "));

    long kill = System.nanoTime();
    job.signal("KILL");
    assertThat(job.awaitExit(GONE)).isEqualTo(Signals.exitCode("KILL"));
    // The creation goes on without its owner; the watchdog waits for it, then deletes the cluster.
    awaitGone(cluster, halfway.ports(), job);
    report("SIGKILL while creating the cluster (watchdog)", kill);
  }

  @Test
  void aJobKilledWithItsWatchdogLeavesTheClusterToTheNextRun() throws Exception {
    ClusterOwnerJvm first = start("killed-with-watchdog");
    String cluster = first.awaitClusterName(UP);
    first.awaitLine(
        "Cluster: offline cluster " + cluster, UP); // the cluster is up, the operator not yet
    ClusterFootprint left = ClusterFootprint.of(cluster);
    long watchdog =
        Long.parseLong(
            Files.readString(
                    ClusterFootprint.clustersDir().resolve(cluster).resolve("watchdog.pid"))
                .strip());
    Signals.send("KILL", watchdog);
    first.signal("KILL");
    assertThat(first.awaitExit(GONE)).isEqualTo(Signals.exitCode("KILL"));
    assertThat(ClusterFootprint.of(cluster).processes())
        .as("the control plane, left without owner and watchdog")
        .anyMatch(p -> p.contains("/bin/kube-apiserver "));

    long next = System.nanoTime();
    ClusterOwnerJvm second = start("next-run");
    String secondCluster = second.awaitClusterName(UP);
    assertThat(second.lines())
        .as("the next run's log")
        .anyMatch(
            l -> l.contains(cluster + ": its owner (pid " + first.pid() + ") is gone; deleting it"))
        .anyMatch(l -> l.contains(cluster + ": deleted"));
    awaitGone(cluster, left.ports(), second);
    report("SIGKILL of the job and its watchdog, then the next run", next);

    // Stopped while it creates its cluster, before any shutdown hook knows of it: the watchdog
    // deletes it.
    second.signal("TERM");
    assertThat(second.awaitExit(GONE)).isEqualTo(Signals.exitCode("TERM"));
    awaitGone(secondCluster, Set.of(), second);
  }

  private ClusterOwnerJvm start(String name) throws Exception {
    ClusterOwnerJvm job =
        ClusterOwnerJvm.start(
            "the main job",
            Up.class.getName(),
            List.of(),
            Path.of("target", "up-teardown", name + ".log"));
    jobs.add(job);
    return job;
  }

  /** Waits until nothing of the cluster is left (see {@link ClusterFootprint#awaitGone}). */
  private static void awaitGone(String cluster, Set<Integer> knownPorts, ClusterOwnerJvm job) {
    ClusterFootprint.awaitGone(cluster, knownPorts, GONE, () -> job.tail(30));
  }

  private static void report(String what, long since) {
    System.out.printf(
        "UpTeardownE2E: %s: nothing of the cluster left after %d ms%n",
        what, (System.nanoTime() - since) / 1_000_000);
  }
}
