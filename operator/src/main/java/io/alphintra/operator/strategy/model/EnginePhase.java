package io.alphintra.operator.strategy.model;

/** The phases a strategy-engine reports on GET /status (the contract's state machine). */
public enum EnginePhase {
  STARTING,
  RUNNING,
  SUSPENDED,
  DRAINING,
  DRAINED,
  HALTED,
  FAILED
}
