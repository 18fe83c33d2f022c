package io.alphintra.operator.environment.model;

/**
 * Namespaces outside an environment that its NetworkPolicies let in.
 *
 * @param operator where the operator runs: its blue-green health checks and connector health polls
 *     come from there; null when it runs outside the cluster (then nothing is admitted for it)
 * @param monitoring where Prometheus runs, admitted to the metrics ports; null admits no scraper
 */
public record AdmittedNamespaces(String operator, String monitoring) {
  /** Admits nobody from outside. */
  public static final AdmittedNamespaces NONE = new AdmittedNamespaces(null, null);
}
