package io.alphintra.e2e.up;

import java.io.IOException;

/** Sends Unix signals by name, as a script does with {@code kill -s}. */
final class Signals {
  private Signals() {}

  static void send(String signal, long pid) {
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
