package io.alphintra.tradingapi.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** trading-api over real HTTP with a bearer token (none when null). */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;
  private final String token;

  public ApiClient(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** An answer: status, parsed body (an empty object when not JSON) and raw text. */
  public record Reply(int status, JsonNode body, String raw) {
    public String text(String field) {
      return body.path(field).asString(null);
    }
  }

  public Reply get(String path) {
    return send("GET", path, null);
  }

  public Reply post(String path, String json) {
    return send("POST", path, json);
  }

  public Reply put(String path, String json) {
    return send("PUT", path, json);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  public Reply send(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode body;
      try {
        body = JSON.readTree(raw == null || raw.isBlank() ? "{}" : raw);
      } catch (tools.jackson.core.JacksonException notJson) {
        body = JSON.createObjectNode();
      }
      return new Reply(response.statusCode(), body, raw);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A LIMIT (GTC) or MARKET order body. */
  public static String order(
      String clientOrderId,
      String symbol,
      String side,
      String type,
      String quantity,
      String price) {
    return "{\"clientOrderId\":\""
        + clientOrderId
        + "\",\"symbol\":\""
        + symbol
        + "\",\"side\":\""
        + side
        + "\",\"type\":\""
        + type
        + "\",\"quantity\":\""
        + quantity
        + "\""
        + (price == null ? "" : ",\"price\":\"" + price + "\"")
        + "}";
  }
}
