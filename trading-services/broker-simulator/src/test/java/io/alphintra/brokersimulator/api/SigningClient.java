package io.alphintra.brokersimulator.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A minimal Binance Spot client written for the tests, independent of the server's signing code: it
 * signs exactly what it sends and always reports the client IP through X-Forwarded-For so each test
 * gets its own request-weight budget.
 */
final class SigningClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;
  private final String secretKey;
  private final String clientIp;

  SigningClient(String baseUrl, String apiKey, String secretKey, String clientIp) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.secretKey = secretKey;
    this.clientIp = clientIp;
  }

  static Map<String, String> params(String... keyValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put(keyValues[i], keyValues[i + 1]);
    }
    return params;
  }

  Response publicGet(String path, Map<String, String> params) {
    String query = encode(params);
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query)))
            .GET());
  }

  /**
   * A signed request: GET/DELETE carry everything in the query string, POST/PUT in the form body.
   */
  Response signed(String method, String path, Map<String, String> params) {
    Map<String, String> withTime = new LinkedHashMap<>(params);
    withTime.putIfAbsent("timestamp", Long.toString(System.currentTimeMillis()));
    String payload = encode(withTime);
    String signed = payload + "&signature=" + hmacSha256Hex(secretKey, payload);
    HttpRequest.Builder request;
    if (method.equals("POST") || method.equals("PUT")) {
      request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .method(method, HttpRequest.BodyPublishers.ofString(signed));
    } else {
      request =
          HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + signed))
              .method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(request.header("X-MBX-APIKEY", apiKey));
  }

  /** Sends raw query and body strings with raw headers, for tests of malformed requests. */
  Response raw(String method, String path, String query, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request);
  }

  static String hmacSha256Hex(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&");
    params.forEach(
        (key, value) -> joiner.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joiner.toString();
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.header("X-Forwarded-For", clientIp).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      String text = response.body().strip();
      // Non-JSON bodies (e.g. Prometheus text) are kept only in the raw response.
      JsonNode body =
          text.startsWith("{") || text.startsWith("[")
              ? JSON.readTree(text)
              : JSON.createObjectNode();
      return new Response(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status, parsed JSON body and headers of one response. */
  record Response(int status, JsonNode body, HttpResponse<String> raw) {

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    int code() {
      return body.path("code").asInt();
    }

    String msg() {
      return body.path("msg").asString();
    }
  }
}
