package io.alphintra.operator.broker;

import io.alphintra.operator.broker.model.ConnectorHealth;
import io.alphintra.operator.runtime.FreshConnections;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.time.Duration;

/**
 * Polls a broker-connector's health endpoint with the Micronaut HTTP client, with short timeouts so
 * an unreachable connector costs a reconcile thread at most a couple of seconds and reads as
 * Unknown, not as an error. Every poll opens a connection of its own ({@link FreshConnections}).
 */
final class ConnectorHealthProbe implements AutoCloseable {
  static final String PATH = "/api/v1/health/broker";

  private final HttpClient client;

  ConnectorHealthProbe(Duration timeout) {
    this.client = FreshConnections.client(timeout);
  }

  /**
   * Reads the connector's view of the venue. The connector answers 200 when up and 503 when down,
   * with the same JSON body either way, so a 503 is a report, not a failure to reach it.
   */
  ConnectorHealth poll(URI url) {
    String body;
    try {
      body =
          client
              .toBlocking()
              .retrieve(FreshConnections.closing(HttpRequest.GET(url.toString())), String.class);
    } catch (HttpClientResponseException e) {
      body = e.getResponse().getBody(String.class).orElse(null);
      if (body == null) {
        return ConnectorHealth.unreachable(
            "HTTP " + e.getStatus().getCode() + " without a health report");
      }
    } catch (RuntimeException e) {
      return ConnectorHealth.unreachable(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    return ConnectorHealth.fromReport(body);
  }

  @Override
  public void close() {
    client.close();
  }
}
