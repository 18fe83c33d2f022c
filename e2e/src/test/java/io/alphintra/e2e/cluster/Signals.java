package io.alphintra.e2e.cluster;

import java.io.IOException;
import java.util.Map;

/** Sends Unix signals by name, as a script does with {@code kill -s}. */
public final class Signals {
  private static final Map<String, Integer> NUMBERS =
      Map.of("HUP", 1, "INT", 2, "KILL", 9, "TERM", 15);

  private Signals() {}

  /** The exit code of a JVM ended by the signal: 128 + its number, as the shell reports it. */
  public static int exitCode(String signal) {
    return 128 + NUMBERS.get(signal);
  }

  public static void send(String signal, long pid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException(
            "kill -s " + signal + " " + pid + " failed with exit code " + kill.exitValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -s " + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + signal + " to " + pid, e);
    }
  }
}
