package io.alphintra.operator.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.operator.broker.model.ConnectorHealth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
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

  ConnectorHealth poll(URI url) {
    try {
      String body = client.toBlocking().retrieve(HttpRequest.GET(url.toString()), String.class);
      JsonNode json = JSON.readTree(body);
      return new ConnectorHealth(true,
          bool(json, "connected"),
          bool(json, "authenticated"),
          json.hasNonNull("latencyMillis") ? json.get("latencyMillis").asLong() : null,
          json.hasNonNull("usedWeight") ? json.get("usedWeight").asInt() : null,
          text(json, "endpoint"),
          text(json, "lastError"));
    } catch (Exception e) {
      return ConnectorHealth.unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
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
