package io.alphintra.tradingapi.broker;

import io.alphintra.tradingapi.broker.ConnectorFailure.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker-connector's order API over HTTP ({@code /api/v1/orders}, {@code
 * /api/v1/market-data/{symbol}/last-price}), with every answer classified as an order or a {@link
 * ConnectorFailure} of a known {@link Kind}.
 */
@Component
public class ConnectorClient {

  /** The connector's 503 reasons that mean nothing was sent. */
  private static final Set<String> NOT_SENT_REASONS =
      Set.of("NOT_CONNECTED", "RATE_LIMIT_BUDGET", "VENUE_RATE_LIMITED");

  /**
   * The connector's 404 reasons that mean the venue itself answered that it has no such order
   * (Binance -2013, or -2011 on a cancel confirmed by a lookup); any other 404 proves nothing.
   */
  private static final Set<String> ORDER_NOT_ON_VENUE_REASONS =
      Set.of("ORDER_NOT_FOUND", "VENUE_-2013");

  private final ConnectorDirectory directory;
  private final ConnectorProperties properties;
  private final JsonMapper json;
  private final HttpClient http;

  ConnectorClient(ConnectorDirectory directory, ConnectorProperties properties, JsonMapper json) {
    this.directory = directory;
    this.properties = properties;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.requestTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * A new order, sent as the connector's {@code OrderRequest}.
   *
   * @param clientOrderId the venue client order id
   * @param quantity and {@code price} with the symbol's scale
   * @param firstAttempt true only when nothing was ever sent with this clientOrderId (the order was
   *     created for this request): the connector then skips its lookup for an earlier placement, a
   *     venue round trip
   */
  public record Placement(
      String clientOrderId,
      String symbol,
      String side,
      String type,
      String timeInForce,
      BigDecimal quantity,
      BigDecimal price,
      boolean firstAttempt) {}

  /** Places (or, for an id the connector already placed, returns) an order. */
  public ConnectorOrder place(String connection, Placement placement) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientOrderId", placement.clientOrderId());
    body.put("symbol", placement.symbol());
    body.put("side", placement.side());
    body.put("type", placement.type());
    if (placement.timeInForce() != null) {
      body.put("timeInForce", placement.timeInForce());
    }
    body.put("quantity", placement.quantity().toPlainString());
    if (placement.price() != null) {
      body.put("price", placement.price().toPlainString());
    }
    if (placement.firstAttempt()) {
      body.put("firstAttempt", true);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(connection, "/api/v1/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    return order(send(connection, request));
  }

  public ConnectorOrder get(String connection, String clientOrderId, String symbol) {
    return order(
        send(
            connection,
            HttpRequest.newBuilder(uri(connection, orderPath(clientOrderId, symbol))).GET()));
  }

  public ConnectorOrder cancel(String connection, String clientOrderId, String symbol) {
    return order(
        send(
            connection,
            HttpRequest.newBuilder(uri(connection, orderPath(clientOrderId, symbol))).DELETE()));
  }

  /** The open orders of a symbol on the connection's venue account. */
  public java.util.List<ConnectorOrder> open(String connection, String symbol) {
    JsonNode body =
        send(
            connection,
            HttpRequest.newBuilder(uri(connection, "/api/v1/orders/open?symbol=" + encode(symbol)))
                .GET());
    java.util.List<ConnectorOrder> orders = new java.util.ArrayList<>();
    body.forEach(order -> orders.add(order(order)));
    return orders;
  }

  /**
   * Up to {@code limit} of the account's fills of {@code symbol} with a trade id above {@code
   * afterTradeId}, oldest first (the connector's fill feed).
   */
  public java.util.List<ConnectorFill> fills(
      String connection, String symbol, long afterTradeId, int limit) {
    JsonNode body =
        send(
            connection,
            HttpRequest.newBuilder(
                    uri(
                        connection,
                        "/api/v1/fills?symbol="
                            + encode(symbol)
                            + "&afterTradeId="
                            + afterTradeId
                            + "&limit="
                            + limit))
                .GET());
    java.util.List<ConnectorFill> fills = new java.util.ArrayList<>();
    body.path("fills").forEach(fill -> fills.add(fill(fill)));
    return fills;
  }

  /** The last trade price, or empty when the connector cannot tell. */
  public Optional<BigDecimal> lastPrice(String connection, String symbol) {
    try {
      JsonNode body =
          send(
              connection,
              HttpRequest.newBuilder(
                      uri(connection, "/api/v1/market-data/" + encode(symbol) + "/last-price"))
                  .GET());
      String price = body.path("price").asString(null);
      return price == null || price.isBlank()
          ? Optional.empty()
          : Optional.of(new BigDecimal(price));
    } catch (ConnectorFailure | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String orderPath(String clientOrderId, String symbol) {
    return "/api/v1/orders/" + encode(clientOrderId) + "?symbol=" + encode(symbol);
  }

  private URI uri(String connection, String path) {
    URI base =
        directory
            .find(connection)
            .orElseThrow(
                () ->
                    new ConnectorFailure(
                        Kind.NOT_SENT,
                        "NO_CONNECTOR",
                        "no broker-connector is configured for BrokerConnection " + connection));
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + path);
  }

  private JsonNode send(String connection, HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(properties.requestTimeout()).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      // The JDK client reports any failure before the connection was usable (refused, reset while
      // connecting) as a ConnectException; no byte of the request was written.
      throw new ConnectorFailure(
          Kind.NOT_SENT,
          "CONNECTOR_UNREACHABLE",
          "the broker-connector of " + connection + " refused the connection");
    } catch (HttpConnectTimeoutException e) {
      // No connection was made, so no byte of the request left this process.
      throw new ConnectorFailure(
          Kind.NOT_SENT,
          "CONNECTOR_UNREACHABLE",
          "the broker-connector of " + connection + " did not accept a connection in time");
    } catch (HttpTimeoutException e) {
      throw new ConnectorFailure(
          Kind.UNKNOWN,
          "CONNECTOR_TIMEOUT",
          "the broker-connector of " + connection + " did not answer in time");
    } catch (IOException e) {
      throw new ConnectorFailure(
          Kind.UNKNOWN,
          "CONNECTOR_IO",
          "the connection to the broker-connector of " + connection + " broke");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorFailure(Kind.UNKNOWN, "INTERRUPTED", "interrupted");
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status / 100 == 2) {
      return body;
    }
    String reason = body.path("reason").asString("HTTP_" + status);
    String message = body.path("detail").asString("the connector answered HTTP " + status);
    if (status == 404) {
      throw new ConnectorFailure(
          ORDER_NOT_ON_VENUE_REASONS.contains(reason) ? Kind.NOT_FOUND : Kind.UNKNOWN,
          reason,
          message);
    }
    if (status == 409 && "ORDER_CLOSED".equals(reason)) {
      throw new ConnectorFailure(Kind.CLOSED, reason, message);
    }
    if (status == 503 && NOT_SENT_REASONS.contains(reason)) {
      throw new ConnectorFailure(Kind.NOT_SENT, reason, message);
    }
    if (status / 100 == 4) {
      throw new ConnectorFailure(Kind.REFUSED, reason, message);
    }
    throw new ConnectorFailure(Kind.UNKNOWN, reason, message);
  }

  /** A fill as the connector serializes it (fill feed and execution stream). */
  public static ConnectorFill fill(JsonNode fill) {
    return new ConnectorFill(
        fill.path("symbol").asString(),
        fill.path("tradeId").asLong(),
        fill.path("orderId").asLong(),
        text(fill.path("clientOrderId")),
        fill.path("side").asString(),
        new BigDecimal(fill.path("price").asString()),
        new BigDecimal(fill.path("quantity").asString()),
        decimal(fill.path("commission")),
        text(fill.path("commissionAsset")),
        fill.path("maker").asBoolean(),
        fill.path("time").asLong());
  }

  /** An order state as the connector serializes it (order API and execution stream). */
  public static ConnectorOrder order(JsonNode body) {
    return new ConnectorOrder(
        body.path("clientOrderId").asString(),
        body.path("venueOrderId").asLong(-1),
        body.path("symbol").asString(),
        body.path("status").asString("UNKNOWN"),
        decimal(body.path("executedQuantity")),
        decimal(body.path("cumulativeQuoteQuantity")),
        body.path("updateTime").asLong(0));
  }

  private static String text(JsonNode node) {
    return node.isNull() || node.isMissingNode() ? null : node.asString();
  }

  private static BigDecimal decimal(JsonNode node) {
    String text = node.asString(null);
    return text == null || text.isBlank() ? BigDecimal.ZERO : new BigDecimal(text);
  }

  private JsonNode parse(String raw) {
    try {
      return json.readTree(raw == null || raw.isBlank() ? "{}" : raw);
    } catch (tools.jackson.core.JacksonException e) {
      return json.createObjectNode();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
