package io.alphintra.operator.broker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What the connector's health endpoint reported, or that it could not be reached.
 *
 * @param reachable whether the endpoint answered
 * @param up the connector's own verdict (status UP), or null when its report has no status
 * @param reason the connector's reason code (CONNECTED, NOT_CONNECTED, NOT_AUTHENTICATED,
 *     SESSION_STARTING), or null
 * @param message the connector's explanation of that reason (never a secret), or null
 * @param connected whether the connector reaches the venue
 * @param authenticated whether the venue accepted the credentials
 * @param latencyMillis last round trip to the venue
 * @param usedWeight request weight used in the venue's current minute
 * @param endpoint the venue URL the connector uses
 * @param lastError the connector's last error (never a secret), or null
 */
public record ConnectorHealth(
    boolean reachable,
    Boolean up,
    String reason,
    String message,
    Boolean connected,
    Boolean authenticated,
    Long latencyMillis,
    Integer usedWeight,
    String endpoint,
    String lastError) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The health endpoint did not answer; {@code why} says how it failed. */
  public static ConnectorHealth unreachable(String why) {
    return new ConnectorHealth(false, null, null, null, null, null, null, null, null, why);
  }

  /**
   * Reads the body of {@code GET /api/v1/health/broker}. The connector sends the same JSON with 200
   * (UP) and 503 (DOWN), so the body, not the HTTP status, is the report.
   */
  public static ConnectorHealth fromReport(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return unreachable("the health report is not JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      return unreachable("the health report is not a JSON object");
    }
    JsonNode latency =
        json.hasNonNull("roundTripLatencyMillis")
            ? json.get("roundTripLatencyMillis")
            : json.get("latencyMillis");
    JsonNode error = json.get("lastError");
    String status = text(json, "status");
    return new ConnectorHealth(
        true,
        status == null ? null : "UP".equals(status),
        text(json, "reason"),
        text(json, "message"),
        bool(json, "connected"),
        bool(json, "authenticated"),
        latency == null || latency.isNull() ? null : latency.asLong(),
        json.hasNonNull("usedWeight") ? json.get("usedWeight").asInt() : null,
        text(json, "endpoint"),
        error == null || error.isNull()
            ? null
            : error.isObject() ? text(error, "message") : error.asText());
  }

  private static Boolean bool(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asBoolean() : null;
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }
}
