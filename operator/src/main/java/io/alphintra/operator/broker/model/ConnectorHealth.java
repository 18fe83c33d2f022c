package io.alphintra.operator.broker.model;

/**
 * What the connector's health endpoint reported, or that it could not be reached.
 *
 * @param reachable whether the endpoint answered
 * @param connected whether the connector reaches the venue
 * @param authenticated whether the venue accepted the credentials
 * @param latencyMillis last round trip to the venue
 * @param usedWeight request weight used in the venue's current minute
 * @param endpoint the venue URL the connector uses
 * @param lastError the connector's last error (never a secret), or null
 */
public record ConnectorHealth(boolean reachable, Boolean connected, Boolean authenticated, Long latencyMillis,
    Integer usedWeight, String endpoint, String lastError) {

  /** The health endpoint did not answer; {@code why} says how it failed. */
  public static ConnectorHealth unreachable(String why) {
    return new ConnectorHealth(false, null, null, null, null, null, why);
  }
}
