package io.alphintra.authservice.workload;

import java.util.Optional;

/**
 * Which strategy a Kubernetes service account stands for. The convention: a strategy {@code <name>}
 * runs under the service account {@code <name>-strategy} in its environment's namespace, so the
 * TokenReview's username {@code system:serviceaccount:<namespace>:<name>-strategy} alone names the
 * strategy.
 *
 * @param namespace the service account's (and so the strategy's) namespace
 * @param serviceAccount the service account's name
 * @param strategy the strategy's name
 */
record StrategyIdentity(String namespace, String serviceAccount, String strategy) {

  static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
  static final String STRATEGY_SUFFIX = "-strategy";

  /**
   * The strategy behind an authenticated username, or empty when it is no strategy's service
   * account.
   */
  static Optional<StrategyIdentity> of(String username) {
    if (username == null || !username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
    if (parts.length != 2
        || parts[0].isEmpty()
        || !parts[1].endsWith(STRATEGY_SUFFIX)
        || parts[1].length() == STRATEGY_SUFFIX.length()) {
      return Optional.empty();
    }
    return Optional.of(
        new StrategyIdentity(
            parts[0],
            parts[1],
            parts[1].substring(0, parts[1].length() - STRATEGY_SUFFIX.length())));
  }

  /** The token's {@code sub}: the Kubernetes username. */
  String subject() {
    return SERVICE_ACCOUNT_PREFIX + namespace + ":" + serviceAccount;
  }
}
