package io.alphintra.api.v1alpha1;

/** A one-word summary of a TradingEnvironment; conditions carry the detail. */
public enum EnvironmentPhase {
  /** Accepted, children not created yet or not observed yet. */
  Pending,
  /** Children are being created or a rollout is in progress. */
  Progressing,
  /** Every service has its desired number of Ready pods at the desired version. */
  Ready,
  /**
   * Something failed: a missing Secret, a failed Deployment, an aborted rollout. See the Degraded
   * condition.
   */
  Degraded,
  /** spec.paused is true, or a rollout waits for manual promotion. */
  Paused
}
