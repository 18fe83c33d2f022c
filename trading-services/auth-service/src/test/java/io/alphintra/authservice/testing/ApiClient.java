package io.alphintra.authservice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real HTTP to the running service, from a chosen loopback address so per-source limits can be told
 * apart.
 */
public final class ApiClient {

  /** One answer: status, parsed body (an empty object when not JSON) and the raw text. */
  public record Reply(int status, JsonNode body, String raw, HttpResponse<String> response) {
    public String text(String field) {
      return body.path(field).asString();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final int port;

  public ApiClient(int port, String sourceAddress) {
    try {
      this.http =
          HttpClient.newBuilder()
              .localAddress(InetAddress.getByName(sourceAddress))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = port;
  }

  public ApiClient(int port) {
    this(port, "127.0.0.1");
  }

  public static ObjectNode json() {
    return JSON.createObjectNode();
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply post(String path, Object body, String token) {
    String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  public Reply put(String path, Object body, String token) {
    String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(text)));
  }

  /** Logs in and returns the token answer; fails the test unless the login succeeded. */
  public Reply login(String username, String password) {
    Reply reply =
        post(
            "/api/v1/auth/login", json().put("username", username).put("password", password), null);
    if (reply.status() != 200) {
      throw new AssertionError(
          "login of " + username + " answered " + reply.status() + ": " + reply.raw());
    }
    return reply;
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      } catch (JacksonException notJson) {
        body = JSON.createObjectNode();
      }
      return new Reply(response.statusCode(), body, response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
