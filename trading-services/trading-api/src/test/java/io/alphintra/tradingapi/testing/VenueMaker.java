package io.alphintra.tradingapi.testing;

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

/**
 * A Binance-signing client of the simulator for the tests' other side of the book (and for cleanup
 * of the connector's account): its own signing code, not the connector's.
 */
public final class VenueMaker {

  private final String baseUrl;
  private final String apiKey;
  private final String secretKey;
  private final String forwardedFor;
  private final HttpClient http = HttpClient.newHttpClient();

  VenueMaker(String baseUrl, String apiKey, String secretKey, String forwardedFor) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.secretKey = secretKey;
    this.forwardedFor = forwardedFor;
  }

  /** A resting (GTC) limit order; returns the venue's answer body. */
  public String limit(String symbol, String side, String price, String quantity) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("side", side);
    p.put("type", "LIMIT");
    p.put("timeInForce", "GTC");
    p.put("quantity", quantity);
    p.put("price", price);
    String answer = signed("POST", "/api/v3/order", p);
    if (!answer.contains("\"orderId\"")) {
      throw new IllegalStateException("the venue refused the maker's order: " + answer);
    }
    return answer;
  }

  /** The account's open orders on the venue ({@code GET /api/v3/openOrders}). */
  public tools.jackson.databind.JsonNode openOrders(String symbol) {
    return new tools.jackson.databind.ObjectMapper()
        .readTree(signed("GET", "/api/v3/openOrders", Map.of("symbol", symbol)));
  }

  /** The ids of the trades of one of the account's orders ({@code GET /api/v3/myTrades}). */
  public java.util.List<Long> tradeIds(String symbol, long orderId) {
    return new tools.jackson.databind.ObjectMapper()
        .readTree(
            signed(
                "GET",
                "/api/v3/myTrades",
                Map.of("symbol", symbol, "orderId", Long.toString(orderId))))
        .valueStream()
        .map(trade -> trade.path("id").asLong())
        .toList();
  }

  public void cancelAll(String symbol) {
    signed("DELETE", "/api/v3/openOrders", Map.of("symbol", symbol));
  }

  private String signed(String method, String path, Map<String, String> parameters) {
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
    try {
      HttpResponse<String> response =
          http.send(
              request
                  .header("X-MBX-APIKEY", apiKey)
                  .header("X-Forwarded-For", forwardedFor)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
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
