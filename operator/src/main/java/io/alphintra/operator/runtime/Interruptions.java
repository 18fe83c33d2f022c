package io.alphintra.operator.runtime;

import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CancellationException;

/**
 * Tells a reconcile cut short by the operator stopping (shutdown, lost leadership) from one that
 * failed.
 */
public final class Interruptions {
  private Interruptions() {}

  /**
   * Whether {@code failure} (or a cause) is an interruption, or this thread was interrupted: the
   * reconcile did not fail on its own, so it must not report {@code Ready=False}; the next leader
   * or process decides again.
   */
  public static boolean interrupted(Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException
          || t instanceof CancellationException) {
        return true;
      }
    }
    return false;
  }
}
