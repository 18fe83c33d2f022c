package io.alphintra.operator.strategy;

import io.alphintra.operator.runtime.FreshConnections;
import io.alphintra.operator.strategy.model.EngineReport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URI;
import java.time.Duration;

/**
 * Talks to a strategy-engine over HTTP with the Micronaut HTTP client: GET /status and POST
 * /control/{drain,resume}. Timeouts are short so an unreachable engine costs a reconcile thread at
 * most a couple of seconds and reads as unreachable, not as an error. Every call opens a connection
 * of its own ({@link FreshConnections}).
 */
final class EngineClient implements AutoCloseable {
  static final String STATUS = "/status";
  static final String DRAIN = "/control/drain";
  static final String RESUME = "/control/resume";

  private final HttpClient client;

  EngineClient(Duration timeout) {
    this.client = FreshConnections.client(timeout);
  }

  /** GET /status. */
  EngineReport status(URI url) {
    return exchange(FreshConnections.closing(HttpRequest.GET(url.toString())));
  }

  /** POST a control action; the engine answers 202 with its status. */
  EngineReport control(URI url) {
    return exchange(FreshConnections.closing(HttpRequest.POST(url.toString(), "")));
  }

  private EngineReport exchange(HttpRequest<?> request) {
    try {
      String body = client.toBlocking().retrieve(request, String.class);
      return EngineReport.fromJson(body);
    } catch (HttpClientResponseException e) {
      return EngineReport.unreachable(
          request.getMethodName()
              + " "
              + request.getPath()
              + " answered HTTP "
              + e.getStatus().getCode());
    } catch (RuntimeException e) {
      return EngineReport.unreachable(
          request.getMethodName()
              + " "
              + request.getPath()
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
