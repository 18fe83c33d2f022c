package io.alphintra.api.v1alpha1;

/**
 * The kind of environment; it chooses replicas, autoscaling, disruption budgets, network policy and
 * rollout defaults.
 */
public enum Tier {
  Development,
  Staging,
  Production
}
