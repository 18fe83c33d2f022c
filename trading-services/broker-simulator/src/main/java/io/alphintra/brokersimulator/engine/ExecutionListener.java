package io.alphintra.brokersimulator.engine;

/**
 * Receives every account's executions (both sides of each trade), on the engine's writer thread, so
 * implementations only record or enqueue.
 */
public interface ExecutionListener {

  ExecutionListener NONE = execution -> {};

  void onExecution(Execution execution);
}
