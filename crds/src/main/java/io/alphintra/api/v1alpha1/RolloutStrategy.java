package io.alphintra.api.v1alpha1;

/** How a new version replaces the running one. */
public enum RolloutStrategy {
  /**
   * A second color next to the live one, checked, then switched to atomically; switched back on
   * failure.
   */
  BlueGreen,
  /** The Deployments are updated in place, pod by pod. */
  RollingUpdate
}
