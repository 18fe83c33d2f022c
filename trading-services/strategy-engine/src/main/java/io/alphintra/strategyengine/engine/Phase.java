package io.alphintra.strategyengine.engine;

/** Where the engine is in its life; the Strategy controller maps these to Strategy phases. */
public enum Phase {
  /** Reading its config, connecting, rebuilding state; not trading yet. */
  STARTING,
  /** Trading on signals. */
  RUNNING,
  /** Told to stop trading for now; open orders canceled; resumable. */
  SUSPENDED,
  /** Told to stop for good; waits for its open orders to be gone. */
  DRAINING,
  /** No open orders and never trades again. */
  DRAINED,
  /** A risk limit was breached; open orders canceled; resumable. */
  HALTED,
  /** Cannot run (bad config, no account); failureReason says what to fix. */
  FAILED
}
