package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.e2e.cluster.ClusterFootprint;
import io.alphintra.e2e.cluster.ClusterOwnerJvm;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.Signals;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.PlatformImages;
import io.alphintra.e2e.up.Up;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The main job as a new user runs it, on the real node: its own JVM ({@code Up}, as {@code ./mvnw
 * -Pup,images} runs it), the operator from its chart, the dev environment, the Simulator connection
 * and the two example strategies Ready, the login instructions, then live lines in which both
 * strategies place orders; Ctrl-C (SIGINT) tears it all down and leaves the host as it was.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RealNodePods.NODE)
class RealNodeUpE2E {
  private static final Duration UP = Duration.ofMinutes(10);
  private static final Duration TRADING = Duration.ofMinutes(4);
  private static final Duration GONE = Duration.ofMinutes(2);
  private static final Pattern TRADED =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d  (\\S+) .* orders today [1-9]\\d*  PnL (\\S+) ");

  private ClusterOwnerJvm job;

  @AfterEach
  void stopJob() throws InterruptedException {
    if (job != null) {
      job.close();
    }
  }

  @Test
  void theMainJobRunsThePlatformOnTheRealNodeAndCtrlCTearsItDown() throws Exception {
    assertThat(new PlatformImages(Toolchain.locate()).missingReason()).isEmpty();
    HostState before = HostState.capture();
    long started = System.nanoTime();
    job =
        ClusterOwnerJvm.start(
            "the main job",
            Up.class.getName(),
            List.of(),
            Path.of("target", "up-real-node", "up.log"),
            ProviderKind.REAL_NODE);
    String cluster = job.awaitClusterName(UP);
    job.awaitLine("Operator installed from its Helm chart", UP);
    job.awaitLine(Up.UP_LINE, UP);
    long up = System.nanoTime();

    List<String> lines = job.lines();
    assertThat(lines)
        .as("kubectl get alphintra -A")
        .anyMatch(
            l ->
                l.contains("brokerconnection.trading.alphintra.io/simulator") && l.contains("True"))
        .anyMatch(
            l -> l.contains("strategy.trading.alphintra.io/btc-sma-paper") && l.contains("Running"))
        .anyMatch(
            l ->
                l.contains("strategy.trading.alphintra.io/eth-mean-reversion-live")
                    && l.contains("Running"))
        .anyMatch(
            l -> l.contains("tradingenvironment.trading.alphintra.io/dev") && l.contains("Ready"))
        .anyMatch(
            l -> l.contains("trading-api account eth-mean-reversion-live") && l.contains("created"))
        .anyMatch(l -> l.contains("port-forward svc/dev-trading-api 8080:8080"));

    String first = job.awaitLine(Up.FIRST_ORDER_LINE, TRADING);
    // Fills reach a strategy's PnL (fees at least): its line shows orders and a PnL other than 0.
    String paper = awaitTraded("btc-sma-paper");
    String live = awaitTraded("eth-mean-reversion-live");
    System.out.printf(
        "main job on the real node: up in %d s; %s%n  %s%n  %s%n",
        Duration.ofNanos(up - started).toSeconds(), first, paper, live);

    long stop = System.nanoTime();
    job.signal("INT");
    assertThat(job.awaitExit(GONE)).isEqualTo(Signals.exitCode("INT"));
    assertThat(job.lines()).anyMatch(l -> l.contains("Torn down: offline cluster " + cluster));
    ClusterFootprint.awaitGone(cluster, Set.of(), GONE, () -> job.tail(30));
    assertThat(ClusterFootprint.clustersDir().resolve(cluster)).doesNotExist();
    assertThat(HostState.capture()).isEqualTo(before);
    System.out.printf(
        "main job on the real node: Ctrl-C to nothing left in %d ms%n",
        (System.nanoTime() - stop) / 1_000_000);
  }

  /** The first live line in which {@code strategy} reports orders and a PnL other than zero. */
  private String awaitTraded(String strategy) {
    return await(strategy + " trading in the live lines of " + job)
        .atMost(TRADING)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                job.lines().stream()
                    .filter(
                        l -> {
                          Matcher m = TRADED.matcher(l);
                          return m.find() && m.group(1).equals(strategy) && !m.group(2).equals("0");
                        })
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }
}
