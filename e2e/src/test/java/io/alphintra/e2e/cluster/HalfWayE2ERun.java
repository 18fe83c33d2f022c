package io.alphintra.e2e.cluster;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * An E2E run that stops half-way, for the tests that kill one ({@link E2ERunTeardownE2E}): runs the
 * E2E classes named by its arguments through the JUnit Platform launcher, as failsafe's provider
 * does, so the harness starts, shares and tears down its cluster as in a real run. When the first
 * test has finished it prints {@value #HALF_WAY} with that test and its result, and holds the run
 * there until its standard input closes (the test that started it ends); the run then goes on.
 * Exits with 0 when every test passed, 1 otherwise.
 */
public final class HalfWayE2ERun {
  /** Printed when the run holds, followed by the finished test and its result. */
  public static final String HALF_WAY = "E2E run half-way, holding after ";

  private HalfWayE2ERun() {}

  public static void main(String[] testClasses) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(Arrays.stream(testClasses).map(name -> selectClass(name)).toList())
            .build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    try (LauncherSession session = LauncherFactory.openSession()) {
      session.getLauncher().execute(request, summary, new HoldAfterFirstTest());
    }
    PrintWriter out = new PrintWriter(System.out, true);
    summary.getSummary().printTo(out);
    summary.getSummary().printFailuresTo(out, 40);
    System.exit(
        summary.getSummary().getTotalFailureCount() == 0
                && summary.getSummary().getTestsSucceededCount() > 0
            ? 0
            : 1);
  }

  /** Blocks the engine's thread after the first test: the run is half-way, its cluster up. */
  private static final class HoldAfterFirstTest implements TestExecutionListener {
    private boolean held;

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (held || !test.isTest()) {
        return;
      }
      held = true;
      System.out.println(
          HALF_WAY
              + test.getDisplayName()
              + ": "
              + result.getStatus()
              + result.getThrowable().map(t -> " " + t).orElse(""));
      System.out.flush();
      try {
        while (System.in.read() != -1) {
          // nothing is written; the stream ends when the process that started this run does
        }
      } catch (IOException e) {
        // treated as closed: let the run go on
      }
    }
  }
}
