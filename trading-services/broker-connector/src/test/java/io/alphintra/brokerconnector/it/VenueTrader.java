package io.alphintra.brokerconnector.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An independent Binance client for tests (its own signing code, not the connector's): provides
 * liquidity and checks the venue's view. {@code forwardedFor} puts it in its own rate-limit IP
 * bucket.
 */
public final class VenueTrader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String apiKey;
  private final String secretKey;
  private final String forwardedFor;
  private final HttpClient http = HttpClient.newHttpClient();

  VenueTrader(String baseUrl, String apiKey, String secretKey, String forwardedFor) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.secretKey = secretKey;
    this.forwardedFor = forwardedFor;
  }

  /** A venue answer: status, JSON body and the used-weight header. */
  public record Answer(int status, JsonNode body, int usedWeight) {}

  public Answer signed(String method, String path, Map<String, String> parameters) {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    all.put("timestamp", Long.toString(System.currentTimeMillis()));
    StringJoiner query = new StringJoiner("&");
    all.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String payload = query + "&signature=" + hmac(query.toString());
    HttpRequest.Builder request =
        "POST".equals(method)
            ? HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
            : HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + payload))
                .method(method, HttpRequest.BodyPublishers.noBody());
    return send(request.header("X-MBX-APIKEY", apiKey));
  }

  /**
   * A public GET from this client's IP bucket, or from the caller's real IP when {@code ownIp} is
   * false.
   */
  public Answer publicGet(String pathAndQuery, boolean ownIp) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET();
    return ownIp ? send(request) : sendDirect(request);
  }

  public Answer limit(
      String symbol, String side, String timeInForce, String price, String quantity) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("side", side);
    p.put("type", "LIMIT");
    p.put("timeInForce", timeInForce);
    p.put("quantity", quantity);
    p.put("price", price);
    return signed("POST", "/api/v3/order", p);
  }

  public Answer cancelAll(String symbol) {
    return signed("DELETE", "/api/v3/openOrders", Map.of("symbol", symbol));
  }

  private Answer send(HttpRequest.Builder request) {
    return sendDirect(request.header("X-Forwarded-For", forwardedFor));
  }

  private Answer sendDirect(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int used =
          response.headers().firstValue("X-MBX-USED-WEIGHT-1M").map(Integer::parseInt).orElse(-1);
      return new Answer(
          response.statusCode(),
          JSON.readTree(response.body().isEmpty() ? "{}" : response.body()),
          used);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String hmac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
