package io.alphintra.operator.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.operator.broker.model.ConnectorHealth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Polls a broker-connector's health endpoint with the Micronaut HTTP client, with short timeouts so an unreachable
 * connector costs a reconcile thread at most a couple of seconds and reads as Unknown, not as an error.
 */
final class ConnectorHealthProbe implements AutoCloseable {
  static final String PATH = "/api/v1/health/broker";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;

  ConnectorHealthProbe(Duration timeout) {
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setReadTimeout(timeout);
    config.setConnectTimeout(timeout);
    this.client = HttpClient.create(null, config);
  }

  /**
   * Reads the connector's view of the venue. The connector answers 200 when up and 503 when down, with the same
   * JSON body either way, so a 503 is a report, not a failure to reach it.
   */
  ConnectorHealth poll(URI url) {
    String body;
    try {
      body = client.toBlocking().retrieve(HttpRequest.GET(url.toString()), String.class);
    } catch (HttpClientResponseException e) {
      body = e.getResponse().getBody(String.class).orElse(null);
      if (body == null) {
        return ConnectorHealth.unreachable("HTTP " + e.getStatus().getCode() + " without a health report");
      }
    } catch (RuntimeException e) {
      return ConnectorHealth.unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode latency = json.hasNonNull("roundTripLatencyMillis") ? json.get("roundTripLatencyMillis") : json.get("latencyMillis");
      JsonNode error = json.get("lastError");
      return new ConnectorHealth(true,
          bool(json, "connected"),
          bool(json, "authenticated"),
          latency == null || latency.isNull() ? null : latency.asLong(),
          json.hasNonNull("usedWeight") ? json.get("usedWeight").asInt() : null,
          text(json, "endpoint"),
          error == null || error.isNull() ? null : error.isObject() ? text(error, "message") : error.asText());
    } catch (IOException e) {
      return ConnectorHealth.unreachable("the health report is not JSON: " + e.getMessage());
    }
  }

  private static Boolean bool(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asBoolean() : null;
  }

  private static String text(JsonNode json, String field) {
    return json.hasNonNull(field) ? json.get(field).asText() : null;
  }

  @Override
  public void close() {
    client.close();
  }
}
