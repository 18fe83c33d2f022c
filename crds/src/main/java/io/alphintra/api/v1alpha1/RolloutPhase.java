package io.alphintra.api.v1alpha1;

/**
 * Where a rollout is; every phase can be resumed after an operator restart from the status alone.
 */
public enum RolloutPhase {
  /** The new color's Deployments exist; waiting for all of their pods to be Ready. */
  Progressing,
  /** All new pods are Ready; waiting stabilizationSeconds without restarts or unready pods. */
  Stabilizing,
  /**
   * HTTP health checks through the preview Service, until successThreshold consecutive successes.
   */
  Checking,
  /** Checks passed and autoPromotion is false: waiting for the promote annotation. */
  Paused,
  /** The active Service switched to the new color; the post-promotion window is running. */
  Promoted,
  /** The post-promotion window passed; the old color is scaled down after scaleDownDelaySeconds. */
  Completed,
  /**
   * Failed before promotion; the live color was never touched and the new color is scaled to zero.
   */
  Aborted,
  /** Failed after promotion; the active Service switched back to the previous color. */
  RolledBack
}
