package io.alphintra.strategyengine.execution.live;

import io.alphintra.strategyengine.execution.VenueStartFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * trading-api over HTTP with the strategy's token; a 401 renews the token and retries once.
 * Transport failures surface as {@link IOException} so callers decide whether to retry.
 */
final class TradingApiClient {

  /** Decimals stay BigDecimal: trading-api may write them as JSON numbers. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** An answer: status and JSON body (an empty object when there is none). */
  record Reply(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }

    String detail() {
      return body.path("detail").asString(body.path("message").asString(body.toString()));
    }
  }

  private final String baseUrl;
  private final HttpClient http;
  private final StrategyTokens tokens;
  private final Duration timeout;

  TradingApiClient(String baseUrl, HttpClient http, StrategyTokens tokens, Duration timeout) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.http = http;
    this.tokens = tokens;
    this.timeout = timeout;
  }

  Reply get(String path) throws IOException {
    return send("GET", path, null);
  }

  Reply post(String path, JsonNode body) throws IOException {
    return send("POST", path, body);
  }

  Reply delete(String path) throws IOException {
    return send("DELETE", path, null);
  }

  private Reply send(String method, String path, JsonNode body) throws IOException {
    Reply reply = once(method, path, body);
    if (reply.status() == 401) {
      tokens.invalidate();
      reply = once(method, path, body);
    }
    return reply;
  }

  /** Gets a token now, so a refused service-account token fails start-up for good. */
  void authenticate() {
    tokens.current();
  }

  private Reply once(String method, String path, JsonNode body) throws IOException {
    String token;
    try {
      token = tokens.current();
    } catch (VenueStartFailure e) {
      // While trading, a token that cannot be had is one more transient failure to retry.
      throw new IOException("no STRATEGY token: " + e.getMessage(), e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode json;
      try {
        json = JSON.readTree(raw == null || raw.isBlank() ? "{}" : raw);
      } catch (RuntimeException notJson) {
        json = JSON.createObjectNode();
      }
      return new Reply(response.statusCode(), json);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
