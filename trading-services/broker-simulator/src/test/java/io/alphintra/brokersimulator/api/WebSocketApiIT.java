package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static io.alphintra.brokersimulator.api.StreamSubscriptionProtocolIT.limit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebSocket API at {@code /ws-api/v3} over a real WebSocket: envelopes, public methods, signed
 * order methods checked like REST, and the signature-authenticated user-data feed after real fills.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ActiveProfiles("it")
class WebSocketApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  private final List<WebSocketTestClient> clients = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private SigningClient alice;
  private SigningClient carol;

  @BeforeEach
  void traders() {
    alice =
        new SigningClient("http://localhost:" + port, "alice-key", "alice-secret", "10.203.0.1");
    carol =
        new SigningClient("http://localhost:" + port, "carol-key", "carol-secret", "10.203.0.2");
  }

  @AfterEach
  void closeAndCancel() {
    clients.forEach(WebSocketTestClient::close);
    alice.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
    carol.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
  }

  @Test
  void pingTimeAndExchangeInfoAnswerWithStatusResultAndRateLimits() throws Exception {
    WebSocketTestClient api = connect();

    JsonNode ping = call(api, "{\"id\":\"p-1\",\"method\":\"ping\"}");
    assertThat(ping.path("id").asString()).isEqualTo("p-1");
    assertThat(ping.path("status").asInt()).isEqualTo(200);
    assertThat(ping.path("result").isEmpty()).isTrue();
    JsonNode weight = ping.path("rateLimits").get(0);
    assertThat(weight.path("rateLimitType").asString()).isEqualTo("REQUEST_WEIGHT");
    assertThat(weight.path("interval").asString()).isEqualTo("MINUTE");
    assertThat(weight.path("limit").asInt()).isEqualTo(2000);
    assertThat(weight.path("count").asInt()).isPositive();

    JsonNode time = call(api, "{\"id\":2,\"method\":\"v3/time\"}");
    assertThat(time.path("id").asLong()).isEqualTo(2);
    assertThat(time.path("result").path("serverTime").asLong())
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));

    JsonNode info =
        call(api, "{\"id\":3,\"method\":\"exchangeInfo\",\"params\":{\"symbol\":\"SIMUSDT\"}}");
    JsonNode quiet =
        call(api, "{\"id\":4,\"method\":\"ping\",\"params\":{\"returnRateLimits\":false}}");
    assertThat(quiet.has("rateLimits")).isFalse();
    assertThat(quiet.path("status").asInt()).isEqualTo(200);
    assertThat(info.path("result").path("symbols").get(0).path("symbol").asString())
        .isEqualTo("SIMUSDT");
    // exchangeInfo weighs 20, as over REST.
    assertThat(info.path("rateLimits").get(0).path("count").asInt()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void signedOrdersArePlacedQueriedAndCanceled() throws Exception {
    WebSocketTestClient api = connect();

    JsonNode placed =
        call(
            api,
            signed(
                "order.place",
                "alice",
                params(
                    "symbol",
                    "SIMUSDT",
                    "side",
                    "BUY",
                    "type",
                    "LIMIT",
                    "timeInForce",
                    "GTC",
                    "price",
                    "91.00",
                    "quantity",
                    "2",
                    "newClientOrderId",
                    "ws-order-1")));
    assertThat(placed.path("status").asInt()).isEqualTo(200);
    JsonNode order = placed.path("result");
    assertThat(order.path("clientOrderId").asString()).isEqualTo("ws-order-1");
    assertThat(order.path("status").asString()).isEqualTo("NEW");
    assertThat(order.path("price").asString()).isEqualTo("91.00000000");
    assertThat(placed.path("rateLimits").findValuesAsString("rateLimitType"))
        .containsExactly("ORDERS", "REQUEST_WEIGHT");

    JsonNode status =
        call(
            api,
            signed(
                "order.status",
                "alice",
                params("symbol", "SIMUSDT", "orderId", order.path("orderId").asString())));
    assertThat(status.path("result").path("status").asString()).isEqualTo("NEW");
    assertThat(status.path("result").path("origQty").asString()).isEqualTo("2.00000000");

    JsonNode canceled =
        call(
            api,
            signed(
                "order.cancel",
                "alice",
                params("symbol", "SIMUSDT", "origClientOrderId", "ws-order-1")));
    assertThat(canceled.path("result").path("status").asString()).isEqualTo("CANCELED");
    assertThat(
            alice
                .signed(
                    "GET",
                    "/api/v3/order",
                    params("symbol", "SIMUSDT", "origClientOrderId", "ws-order-1"))
                .body()
                .path("status")
                .asString())
        .isEqualTo("CANCELED");
  }

  @Test
  void signaturesAreCheckedExactlyAsTheRestApiChecksThem() throws Exception {
    WebSocketTestClient api = connect();
    Map<String, String> order =
        params(
            "symbol",
            "SIMUSDT",
            "side",
            "BUY",
            "type",
            "LIMIT",
            "timeInForce",
            "GTC",
            "price",
            "91.00",
            "quantity",
            "1");

    ObjectNode tampered = (ObjectNode) JSON.readTree(signed("order.place", "alice", order));
    ((ObjectNode) tampered.path("params")).put("quantity", "100");
    JsonNode badSignature = call(api, tampered.toString());
    assertThat(badSignature.path("status").asInt()).isEqualTo(400);
    assertThat(badSignature.path("error").path("code").asInt()).isEqualTo(-1022);

    Map<String, String> unknownKey = new LinkedHashMap<>(order);
    unknownKey.put("apiKey", "nobody-key");
    JsonNode rejectedKey = call(api, request("order.place", sign(unknownKey, "nobody-secret")));
    assertThat(rejectedKey.path("status").asInt()).isEqualTo(401);
    assertThat(rejectedKey.path("error").path("code").asInt()).isEqualTo(-2015);

    Map<String, String> stale = new LinkedHashMap<>(order);
    stale.put("timestamp", Long.toString(System.currentTimeMillis() - 60_000));
    JsonNode late = call(api, signed("order.place", "alice", stale));
    assertThat(late.path("error").path("code").asInt()).isEqualTo(-1021);

    // A price sent as a JSON number is signed with the digits as sent.
    Map<String, String> signedParams = withKey(order, "alice");
    String payload = sign(signedParams, "alice-secret");
    String numeric = payload.replace("\"price\":\"91.00\"", "\"price\":91.00");
    assertThat(numeric).contains("\"price\":91.00");
    JsonNode accepted = call(api, request("order.place", numeric));
    assertThat(accepted.path("status").asInt()).isEqualTo(200);
    assertThat(accepted.path("result").path("price").asString()).isEqualTo("91.00000000");
  }

  @Test
  void malformedRequestsAndUnknownMethodsGetErrorEnvelopes() throws Exception {
    WebSocketTestClient api = connect();

    JsonNode invalid = call(api, "{\"id\":1,\"method\":");
    assertThat(invalid.path("id").isNull()).isTrue();
    assertThat(invalid.path("status").asInt()).isEqualTo(400);
    assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-1135);

    JsonNode unknown = call(api, "{\"id\":\"u1\",\"method\":\"order.teleport\"}");
    assertThat(unknown.path("id").asString()).isEqualTo("u1");
    assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-1020);
    assertThat(unknown.path("error").path("msg").asString()).contains("order.teleport");

    JsonNode badParams = call(api, "{\"id\":3,\"method\":\"time\",\"params\":[1]}");
    assertThat(badParams.path("error").path("msg").asString())
        .isEqualTo("Invalid 'params' in JSON request; expected an object.");

    JsonNode missing = call(api, signed("order.status", "alice", params("symbol", "SIMUSDT")));
    assertThat(missing.path("error").path("code").asInt()).isEqualTo(-1102);
  }

  @Test
  void userDataFeedReportsNewTradeAndBalancesWhenAnOrderFillsAgainstARestingOrder()
      throws Exception {
    WebSocketTestClient api = connect();
    JsonNode subscribed =
        call(api, signed("userDataStream.subscribe.signature", "alice", Map.of()));
    assertThat(subscribed.path("status").asInt()).isEqualTo(200);
    int subscriptionId = subscribed.path("result").path("subscriptionId").asInt();
    assertThat(
            call(api, "{\"id\":\"s\",\"method\":\"session.subscriptions\"}")
                .path("result")
                .get(0)
                .path("subscriptionId")
                .asInt())
        .isEqualTo(subscriptionId);

    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "2"));
    JsonNode placed =
        call(
            api,
            signed(
                "order.place",
                "alice",
                params(
                    "symbol",
                    "SIMUSDT",
                    "side",
                    "BUY",
                    "type",
                    "LIMIT",
                    "timeInForce",
                    "GTC",
                    "price",
                    "100.00",
                    "quantity",
                    "2",
                    "newClientOrderId",
                    "ws-taker-1")));
    long orderId = placed.path("result").path("orderId").asLong();
    long tradeId = placed.path("result").path("fills").get(0).path("tradeId").asLong();

    JsonNode accepted = api.next(event -> isReport(event, orderId, "NEW"));
    assertThat(accepted.path("subscriptionId").asInt()).isEqualTo(subscriptionId);
    JsonNode neu = accepted.path("event");
    assertThat(neu.path("X").asString()).isEqualTo("NEW");
    assertThat(neu.path("c").asString()).isEqualTo("ws-taker-1");
    assertThat(neu.path("S").asString()).isEqualTo("BUY");
    assertThat(neu.path("o").asString()).isEqualTo("LIMIT");
    assertThat(neu.path("f").asString()).isEqualTo("GTC");
    assertThat(neu.path("q").asString()).isEqualTo("2.00000000");
    assertThat(neu.path("p").asString()).isEqualTo("100.00000000");
    assertThat(neu.path("t").asLong()).isEqualTo(-1);

    JsonNode fill = api.next(event -> isReport(event, orderId, "TRADE")).path("event");
    assertThat(fill.path("X").asString()).isEqualTo("FILLED");
    assertThat(fill.path("l").asString()).isEqualTo("2.00000000");
    assertThat(fill.path("z").asString()).isEqualTo("2.00000000");
    assertThat(fill.path("L").asString()).isEqualTo("100.00000000");
    assertThat(fill.path("Z").asString()).isEqualTo("200.00000000");
    assertThat(fill.path("Y").asString()).isEqualTo("200.00000000");
    assertThat(fill.path("n").asString()).isEqualTo("0.00200000");
    assertThat(fill.path("N").asString()).isEqualTo("SIM");
    assertThat(fill.path("t").asLong()).isEqualTo(tradeId);
    assertThat(fill.path("m").asBoolean()).isFalse();
    assertThat(fill.path("I").asLong()).isGreaterThan(neu.path("I").asLong());

    // Each report is followed by the balances it left: the second position is the filled one.
    api.next(event -> event.path("event").path("e").asString().equals("outboundAccountPosition"));
    JsonNode position =
        api.next(
                event -> event.path("event").path("e").asString().equals("outboundAccountPosition"))
            .path("event");
    assertThat(position.path("u").asLong()).isEqualTo(fill.path("T").asLong());
    Map<String, String> free = new TreeMap<>();
    position.path("B").forEach(b -> free.put(b.path("a").asString(), b.path("f").asString()));
    JsonNode account = alice.signed("GET", "/api/v3/account", params()).body();
    for (JsonNode balance : account.path("balances")) {
      if (free.containsKey(balance.path("asset").asString())) {
        assertThat(free.get(balance.path("asset").asString()))
            .isEqualTo(balance.path("free").asString());
      }
    }
    assertThat(free).containsOnlyKeys("SIM", "USDT");
  }

  @Test
  void userDataFeedReportsMakerFillsAndCancels() throws Exception {
    WebSocketTestClient api = connect();
    call(api, signed("userDataStream.subscribe.signature", "alice", Map.of()));
    JsonNode again = call(api, signed("userDataStream.subscribe.signature", "alice", Map.of()));
    assertThat(again.path("error").path("code").asInt()).isEqualTo(-2035);

    long resting =
        alice
            .signed("POST", "/api/v3/order", limit("SELL", "99.00", "3"))
            .body()
            .path("orderId")
            .asLong();
    carol.signed("POST", "/api/v3/order", limit("BUY", "99.00", "1"));
    JsonNode makerFill = api.next(event -> isReport(event, resting, "TRADE")).path("event");
    assertThat(makerFill.path("m").asBoolean()).isTrue();
    assertThat(makerFill.path("X").asString()).isEqualTo("PARTIALLY_FILLED");
    assertThat(makerFill.path("z").asString()).isEqualTo("1.00000000");
    assertThat(makerFill.path("N").asString()).isEqualTo("USDT");
    assertThat(makerFill.path("w").asBoolean()).isTrue();

    alice.signed(
        "DELETE", "/api/v3/order", params("symbol", "SIMUSDT", "orderId", Long.toString(resting)));
    JsonNode canceled = api.next(event -> isReport(event, resting, "CANCELED")).path("event");
    assertThat(canceled.path("X").asString()).isEqualTo("CANCELED");
    assertThat(canceled.path("w").asBoolean()).isFalse();

    JsonNode unsubscribed = call(api, "{\"id\":9,\"method\":\"userDataStream.unsubscribe\"}");
    assertThat(unsubscribed.path("status").asInt()).isEqualTo(200);
    assertThat(call(api, "{\"id\":10,\"method\":\"session.subscriptions\"}").path("result"))
        .isEmpty();
  }

  private static boolean isReport(JsonNode message, long orderId, String executionType) {
    JsonNode event = message.path("event");
    return event.path("e").asString().equals("executionReport")
        && event.path("i").asLong() == orderId
        && event.path("x").asString().equals(executionType);
  }

  private WebSocketTestClient connect() throws Exception {
    WebSocketTestClient client = WebSocketTestClient.connect(port, "/ws-api/v3");
    clients.add(client);
    return client;
  }

  /** Sends a request and waits for the response with its id (events may come in between). */
  private static JsonNode call(WebSocketTestClient api, String request) throws Exception {
    JsonNode id;
    try {
      id = JSON.readTree(request).path("id");
    } catch (tools.jackson.core.JacksonException malformed) {
      api.send(request);
      return api.next(node -> node.has("status") && node.path("id").isNull());
    }
    api.send(request);
    return api.next(node -> node.has("status") && node.path("id").equals(id));
  }

  private String signed(String method, String who, Map<String, String> params) {
    return request(method, sign(withKey(params, who), who + "-secret"));
  }

  private static Map<String, String> withKey(Map<String, String> params, String who) {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.putIfAbsent("apiKey", who + "-key");
    all.putIfAbsent("timestamp", Long.toString(System.currentTimeMillis()));
    return all;
  }

  /** The params object with a signature over the params sorted by name, as Binance documents. */
  private static String sign(Map<String, String> params, String secret) {
    StringJoiner payload = new StringJoiner("&");
    new TreeMap<>(params).forEach((name, value) -> payload.add(name + "=" + value));
    ObjectNode node = JSON.createObjectNode();
    params.forEach(node::put);
    node.put("signature", SigningClient.hmacSha256Hex(secret, payload.toString()));
    return node.toString();
  }

  private String request(String method, String paramsJson) {
    return "{\"id\":\"r"
        + ids.incrementAndGet()
        + "\",\"method\":\""
        + method
        + "\",\"params\":"
        + paramsJson
        + "}";
  }
}
