package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionStatus;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.operator.common.Conditions;
import io.alphintra.operator.common.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The status of a BrokerConnection from a blocking problem or the connector's reported health. */
public final class BrokerStatusModel {
  public static final String CONNECTED = "Connected";
  public static final String AUTHENTICATED = "Authenticated";
  public static final String CREDENTIALS_MISSING = "CredentialsMissing";
  public static final String ENVIRONMENT_NOT_FOUND = "EnvironmentNotFound";

  private BrokerStatusModel() {}

  public static BrokerConnectionStatus status(
      BrokerConnection bc,
      Problem problem,
      ConnectorHealth health,
      String resolvedEndpoint,
      Instant now) {
    var previous = bc.getStatus();
    List<Condition> before = previous == null ? List.of() : previous.conditions();
    long generation = Optional.ofNullable(bc.getMetadata().getGeneration()).orElse(0L);
    Conditions conditions = new Conditions(before, generation, now);
    if (problem != null) {
      conditions.set(Condition.READY, false, problem.reason(), problem.message());
      conditions.set(
          CONNECTED,
          ConditionStatus.Unknown,
          problem.reason(),
          "The connector is not running: " + problem.message());
      conditions.set(
          AUTHENTICATED, ConditionStatus.Unknown, problem.reason(), "The connector is not running");
      return new BrokerConnectionStatus(generation, conditions.build(), null, null, null);
    }
    if (health == null || !health.reachable()) {
      String why = health == null ? "not polled yet" : health.lastError();
      conditions.set(
          CONNECTED,
          ConditionStatus.Unknown,
          "HealthUnreachable",
          "The connector's health endpoint did not answer: " + why);
      conditions.set(
          AUTHENTICATED,
          ConditionStatus.Unknown,
          "HealthUnreachable",
          "Unknown until the connector answers");
      conditions.set(
          Condition.READY,
          false,
          "ConnectorNotReady",
          "Waiting for the connector to answer its health endpoint");
      return new BrokerConnectionStatus(
          generation, conditions.build(), null, null, resolvedEndpoint);
    }
    boolean connected = Boolean.TRUE.equals(health.connected());
    boolean authenticated = Boolean.TRUE.equals(health.authenticated());
    String error = health.lastError() == null ? "" : ": " + health.lastError();
    conditions.set(
        CONNECTED,
        connected,
        connected ? "VenueReachable" : "VenueUnreachable",
        connected
            ? "Round trip " + health.latencyMillis() + " ms to " + health.endpoint()
            : "The venue is not reachable" + error);
    conditions.set(
        AUTHENTICATED,
        authenticated,
        authenticated ? "CredentialsAccepted" : "CredentialsRejected",
        authenticated
            ? "The venue accepted the API key"
            : "The venue rejected the API key or signature" + error);
    // The connector's own verdict wins: it also knows whether its session (clock, rules, open
    // orders) is loaded.
    boolean ready = health.up() != null ? health.up() : connected && authenticated;
    String reason =
        ready
            ? "Connected"
            : health.reason() != null
                ? conditionReason(health.reason())
                : connected ? "NotAuthenticated" : "NotConnected";
    String message =
        ready
            ? "Connected and authenticated"
            : health.message() != null
                ? "The connector reports: " + health.message()
                : "The connector is " + (connected ? "not authenticated" : "not connected") + error;
    conditions.set(Condition.READY, ready, reason, message);
    return new BrokerConnectionStatus(
        generation,
        conditions.build(),
        health.latencyMillis(),
        health.usedWeight(),
        health.endpoint() != null ? health.endpoint() : resolvedEndpoint);
  }

  /** The connector's reason code as a condition reason: NOT_CONNECTED becomes NotConnected. */
  static String conditionReason(String code) {
    StringBuilder reason = new StringBuilder();
    for (String word : code.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        reason
            .append(Character.toUpperCase(word.charAt(0)))
            .append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return reason.isEmpty() || !Character.isLetter(reason.charAt(0))
        ? "ConnectorNotReady"
        : reason.toString();
  }
}
