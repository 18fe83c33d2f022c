package io.alphintra.e2e.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The main job stopped the ways a script, a service manager or a crash stop it, each time with a
 * real offline cluster: afterwards no process names the cluster, its directory is gone and none of
 * the ports its processes listened on is listening. A signal runs the shutdown hooks; SIGKILL
 * leaves it to the cluster's watchdog, or, when the watchdog was killed too, to the next run.
 */
@EnabledOnOs(
    value = OS.LINUX,
    disabledReason = "reads /proc; the offline cluster runs on Linux only")
class UpTeardownE2E {
  private static final Duration UP = Duration.ofMinutes(4);
  private static final Duration GONE = Duration.ofMinutes(1);
  private static final Map<String, Integer> SIGNAL_NUMBERS =
      Map.of("HUP", 1, "KILL", 9, "TERM", 15);
  private static final List<String> CONTROL_PLANE =
      List.of(
          "/bin/etcd ",
          "/bin/kube-apiserver ",
          "/bin/kube-controller-manager ",
          "/bin/kube-scheduler ",
          "/bin/kwok-controller ");

  private final List<UpProcess> jobs = new ArrayList<>();

  @AfterEach
  void stopJobs() throws InterruptedException {
    for (UpProcess job : jobs) {
      job.close();
    }
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "HUP"})
  void aSignalStopsTheJobAndDeletesItsCluster(String signal) throws Exception {
    UpProcess job = start("signal-" + signal);
    String cluster = job.awaitClusterName(UP);
    job.awaitLine("Alphintra is up", UP);
    ClusterFootprint running = ClusterFootprint.of(cluster);
    assertThat(running.processes())
        .as("the processes of %s while it runs", cluster)
        .anyMatch(p -> p.contains("offline-cluster.sh watch " + cluster))
        .satisfies(
            processes ->
                CONTROL_PLANE.forEach(
                    binary ->
                        assertThat(processes)
                            .as("a process running %s", binary)
                            .anyMatch(p -> p.contains(binary))));
    assertThat(running.ports()).as("ports the control plane listens on").isNotEmpty();

    long stop = System.nanoTime();
    job.signal(signal);
    assertThat(job.awaitExit(GONE))
        .as("exit code 128 + %s", signal)
        .isEqualTo(128 + SIGNAL_NUMBERS.get(signal));
    assertThat(job.lines())
        .as("the shutdown hook's log")
        .anyMatch(l -> l.contains("Torn down: offline cluster " + cluster));
    awaitGone(cluster, running.ports(), job);
    report("SIG" + signal + " after 'Alphintra is up'", stop);
  }

  @Test
  void aJobKilledWhileItCreatesItsClusterLeavesTheClusterToItsWatchdog() throws Exception {
    UpProcess job = start("kill-while-creating");
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
    assertThat(job.awaitExit(GONE)).isEqualTo(128 + SIGNAL_NUMBERS.get("KILL"));
    // The creation goes on without its owner; the watchdog waits for it, then deletes the cluster.
    awaitGone(cluster, halfway.ports(), job);
    report("SIGKILL while creating the cluster (watchdog)", kill);
  }

  @Test
  void aJobKilledWithItsWatchdogLeavesTheClusterToTheNextRun() throws Exception {
    UpProcess first = start("killed-with-watchdog");
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
    assertThat(first.awaitExit(GONE)).isEqualTo(128 + SIGNAL_NUMBERS.get("KILL"));
    assertThat(ClusterFootprint.of(cluster).processes())
        .as("the control plane, left without owner and watchdog")
        .anyMatch(p -> p.contains("/bin/kube-apiserver "));

    long next = System.nanoTime();
    UpProcess second = start("next-run");
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
    assertThat(second.awaitExit(GONE)).isEqualTo(128 + SIGNAL_NUMBERS.get("TERM"));
    awaitGone(secondCluster, Set.of(), second);
  }

  private UpProcess start(String name) throws Exception {
    UpProcess job = UpProcess.start(Path.of("target", "up-teardown", name + ".log"));
    jobs.add(job);
    return job;
  }

  /**
   * Waits until no process names the cluster and its directory is gone, collecting the ports its
   * processes listen on meanwhile, then asserts that none of those ports (nor {@code knownPorts})
   * is listening any more.
   */
  private static void awaitGone(String cluster, Set<Integer> knownPorts, UpProcess job) {
    Set<Integer> ports = new TreeSet<>(knownPorts);
    await()
        .atMost(GONE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              ClusterFootprint now = ClusterFootprint.of(cluster);
              ports.addAll(now.ports());
              assertThat(now.processes())
                  .as("processes naming %s; the job's output:\n%s", cluster, job.tail(30))
                  .isEmpty();
              assertThat(now.directories()).as("directories of %s", cluster).isEmpty();
            });
    assertThat(ClusterFootprint.stillListening(ports))
        .as("ports %s of %s still listening", ports, cluster)
        .isEmpty();
  }

  private static void report(String what, long since) {
    System.out.printf(
        "UpTeardownE2E: %s: nothing of the cluster left after %d ms%n",
        what, (System.nanoTime() - since) / 1_000_000);
  }
}
