package io.alphintra.api.v1alpha1;

/** How a finished rollout ended. */
public enum RolloutOutcome {
  Promoted,
  Aborted,
  RolledBack,
  /** A newer spec change replaced this rollout before it finished. */
  Superseded
}
