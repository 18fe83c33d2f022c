package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokersimulator.api.SigningClient.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Drives the Binance-compatible REST API over real HTTP with an independent signing client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ActiveProfiles("it")
class BinanceRestApiIT {

  private static final String SYMBOL = "SIMUSDT";

  @LocalServerPort int port;

  private SigningClient alice;
  private SigningClient carol;

  @BeforeEach
  void clients() {
    alice = client("alice-key", "alice-secret");
    carol = client("carol-key", "carol-secret");
  }

  @AfterEach
  void clearFaultsAndOrders() {
    setFaults("{}");
    alice.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
    carol.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
  }

  @Test
  void answersPingTimeAndReportsUsedWeight() {
    Response ping = alice.publicGet("/api/v3/ping", Map.of());
    Response time = alice.publicGet("/api/v3/time", Map.of());

    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.body().isEmpty()).isTrue();
    assertThat(ping.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("1");
    assertThat(time.body().path("serverTime").asLong())
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    assertThat(time.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("2");
  }

  @Test
  void exchangeInfoListsSymbolsWithTheirFiltersAndTheRateLimits() {
    Response info = alice.publicGet("/api/v3/exchangeInfo", params("symbol", SYMBOL));

    JsonNode symbol = info.body().path("symbols").get(0);
    assertThat(symbol.path("symbol").asString()).isEqualTo(SYMBOL);
    assertThat(symbol.path("baseAsset").asString()).isEqualTo("SIM");
    assertThat(symbol.path("filters").findValuesAsString("filterType"))
        .containsExactly(
            "PRICE_FILTER",
            "LOT_SIZE",
            "MARKET_LOT_SIZE",
            "PERCENT_PRICE_BY_SIDE",
            "NOTIONAL",
            "MAX_NUM_ORDERS");
    assertThat(symbol.path("filters").get(0).path("tickSize").asString()).isEqualTo("0.01000000");
    assertThat(symbol.path("filters").get(1).path("stepSize").asString()).isEqualTo("0.00100000");
    assertThat(symbol.path("filters").get(4).path("minNotional").asString())
        .isEqualTo("5.00000000");
    assertThat(info.body().path("rateLimits").findValuesAsString("rateLimitType"))
        .containsExactly("REQUEST_WEIGHT", "ORDERS", "ORDERS", "RAW_REQUESTS");
    assertThat(info.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("20");
    assertThat(alice.publicGet("/api/v3/exchangeInfo", Map.of()).body().path("symbols").size())
        .isEqualTo(3);
  }

  @Test
  void depthAndTickerShowRestingOrdersAndTheLastTrade() {
    carol.signed("POST", "/api/v3/order", limit("SELL", "101.50", "1"));
    alice.signed("POST", "/api/v3/order", limit("BUY", "99.00", "2"));
    carol.signed("POST", "/api/v3/order", limit("SELL", "100.25", "0.5"));
    alice.signed("POST", "/api/v3/order", limit("BUY", "100.25", "0.5"));

    Response depth = alice.publicGet("/api/v3/depth", params("symbol", SYMBOL, "limit", "5"));
    Response ticker = alice.publicGet("/api/v3/ticker/price", params("symbol", SYMBOL));
    Response allTickers = alice.publicGet("/api/v3/ticker/price", Map.of());

    assertThat(depth.body().path("lastUpdateId").asLong()).isPositive();
    assertThat(depth.body().path("bids").get(0).get(0).asString()).isEqualTo("99.00000000");
    assertThat(depth.body().path("bids").get(0).get(1).asString()).isEqualTo("2.00000000");
    assertThat(depth.body().path("asks").get(0).get(0).asString()).isEqualTo("101.50000000");
    assertThat(ticker.body().path("price").asString()).isEqualTo("100.25000000");
    assertThat(allTickers.body().findValuesAsString("symbol"))
        .containsExactly("BTCUSDT", SYMBOL, "MDTUSDT");
  }

  @Test
  void placesAFullyFilledLimitOrderWithFillsAndCommission() {
    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1"));

    Response order = alice.signed("POST", "/api/v3/order", limit("BUY", "100.10", "1"));

    assertThat(order.status()).isEqualTo(200);
    assertThat(order.header("X-MBX-ORDER-COUNT-10S")).isNotNull();
    assertThat(order.body().path("status").asString()).isEqualTo("FILLED");
    assertThat(order.body().path("executedQty").asString()).isEqualTo("1.00000000");
    assertThat(order.body().path("cummulativeQuoteQty").asString()).isEqualTo("100.00000000");
    JsonNode fill = order.body().path("fills").get(0);
    assertThat(fill.path("price").asString()).isEqualTo("100.00000000");
    assertThat(fill.path("commissionAsset").asString()).isEqualTo("SIM");
    assertThat(new BigDecimal(fill.path("commission").asString())).isEqualByComparingTo("0.001");
  }

  @Test
  void ackAndResultResponsesCarryOnlyTheirFields() {
    Response ack =
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "newOrderRespType", "ACK"));
    Response result =
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newOrderRespType", "RESULT"));

    assertThat(ack.body().has("orderId")).isTrue();
    assertThat(ack.body().has("status")).isFalse();
    assertThat(result.body().path("status").asString()).isEqualTo("NEW");
    assertThat(result.body().has("fills")).isFalse();
  }

  @Test
  void queriesAnOrderByOrderIdAndByOrigClientOrderId() {
    String clientId = "q-" + UUID.randomUUID().toString().substring(0, 8);
    long orderId =
        alice
            .signed(
                "POST",
                "/api/v3/order",
                with(limit("BUY", "95.00", "1"), "newClientOrderId", clientId))
            .body()
            .path("orderId")
            .asLong();

    Response byId =
        alice.signed(
            "GET", "/api/v3/order", params("symbol", SYMBOL, "orderId", Long.toString(orderId)));
    Response byClientId =
        alice.signed(
            "GET", "/api/v3/order", params("symbol", SYMBOL, "origClientOrderId", clientId));

    assertThat(byId.body().path("clientOrderId").asString()).isEqualTo(clientId);
    assertThat(byClientId.body().path("orderId").asLong()).isEqualTo(orderId);
    assertThat(byClientId.body().path("status").asString()).isEqualTo("NEW");
    assertThat(byClientId.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
  }

  @Test
  void listsAndCancelsOpenOrders() {
    alice.signed("POST", "/api/v3/order", limit("BUY", "91.00", "1"));
    long second =
        alice
            .signed("POST", "/api/v3/order", limit("BUY", "92.00", "1"))
            .body()
            .path("orderId")
            .asLong();
    alice.signed("POST", "/api/v3/order", limit("BUY", "93.00", "1"));

    Response canceledOne =
        alice.signed(
            "DELETE", "/api/v3/order", params("symbol", SYMBOL, "orderId", Long.toString(second)));
    Response open = alice.signed("GET", "/api/v3/openOrders", params("symbol", SYMBOL));
    Response canceledAll = alice.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
    Response openAfter = alice.signed("GET", "/api/v3/openOrders", Map.of());

    assertThat(canceledOne.body().path("status").asString()).isEqualTo("CANCELED");
    assertThat(open.body().findValuesAsString("price"))
        .containsExactly("91.00000000", "93.00000000");
    assertThat(canceledAll.body().findValuesAsString("status"))
        .containsExactly("CANCELED", "CANCELED");
    assertThat(openAfter.body().size()).isZero();
  }

  @Test
  void amendKeepPriorityReducesTheQuantity() {
    long orderId =
        alice
            .signed("POST", "/api/v3/order", limit("BUY", "90.00", "3"))
            .body()
            .path("orderId")
            .asLong();

    Response amended =
        alice.signed(
            "PUT",
            "/api/v3/order/amend/keepPriority",
            params("symbol", SYMBOL, "orderId", Long.toString(orderId), "newQty", "1"));

    assertThat(amended.body().path("amendedOrder").path("origQty").asString())
        .isEqualTo("1.00000000");
  }

  @Test
  void iocFokMarketAndPostOnlyOrdersEndInBinanceStatuses() {
    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1"));

    Response fok =
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "100.00", "2"), "timeInForce", "FOK"));
    Response ioc =
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "100.00", "0.4"), "timeInForce", "IOC"));
    Response market =
        alice.signed(
            "POST",
            "/api/v3/order",
            params("symbol", SYMBOL, "side", "BUY", "type", "MARKET", "quantity", "1"));
    Response maker =
        alice.signed(
            "POST",
            "/api/v3/order",
            params(
                "symbol",
                SYMBOL,
                "side",
                "BUY",
                "type",
                "LIMIT_MAKER",
                "price",
                "90.00",
                "quantity",
                "1",
                "newOrderRespType",
                "RESULT"));

    assertThat(fok.body().path("status").asString()).isEqualTo("EXPIRED");
    assertThat(ioc.body().path("status").asString()).isEqualTo("FILLED");
    assertThat(market.body().path("status").asString()).isEqualTo("EXPIRED");
    assertThat(market.body().path("executedQty").asString()).isEqualTo("0.60000000");
    assertThat(maker.body().path("status").asString()).isEqualTo("NEW");
  }

  @Test
  void selfTradeExpiresTheTakerInMatch() {
    alice.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1"));

    Response taker = alice.signed("POST", "/api/v3/order", limit("BUY", "100.00", "1"));

    assertThat(taker.body().path("status").asString()).isEqualTo("EXPIRED_IN_MATCH");
  }

  @Test
  void accountShowsFreeAndLockedBalances() {
    alice.signed("POST", "/api/v3/order", limit("BUY", "50.00", "2"));

    Response account = alice.signed("GET", "/api/v3/account", params("omitZeroBalances", "true"));

    JsonNode usdt = balance(account.body(), "USDT");
    assertThat(account.body().path("accountType").asString()).isEqualTo("SPOT");
    assertThat(account.body().path("canTrade").asBoolean()).isTrue();
    assertThat(usdt.path("locked").asString()).isEqualTo("100.00000000");
    assertThat(new BigDecimal(usdt.path("free").asString())).isPositive();
    assertThat(account.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("21");
  }

  @Test
  void rejectsParameterErrorsWithBinanceCodes() {
    assertError(
        alice.signed("POST", "/api/v3/order", params("side", "BUY", "type", "LIMIT")),
        400,
        -1102,
        "'symbol'");
    assertError(
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "100", "1"), "quantity", "0.0000000001")),
        400,
        -1111,
        "'quantity'");
    assertError(
        alice.signed("POST", "/api/v3/order", with(limit("BUY", "100", "1"), "symbol", "NOPEUSDT")),
        400,
        -1121,
        "Invalid symbol.");
    assertError(
        alice.publicGet("/api/v3/depth", params("symbol", "NOPEUSDT")),
        400,
        -1121,
        "Invalid symbol.");
    assertError(
        alice.signed("POST", "/api/v3/order", limit("BUY", "100.005", "1")),
        400,
        -1013,
        "Filter failure: PRICE_FILTER");
    assertError(
        alice.signed("POST", "/api/v3/order", limit("BUY", "100", "1.0005")),
        400,
        -1013,
        "Filter failure: LOT_SIZE");
    assertError(
        alice.signed("POST", "/api/v3/order", limit("BUY", "50", "0.05")),
        400,
        -1013,
        "Filter failure: NOTIONAL");
  }

  @Test
  void rejectsOrdersTheVenueRefusesWithMinus2010() {
    SigningClient poor = client("poor-key", "poor-secret");
    String clientId = "dup-" + UUID.randomUUID().toString().substring(0, 8);
    alice.signed(
        "POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "newClientOrderId", clientId));
    carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1"));

    assertError(
        poor.signed("POST", "/api/v3/order", limit("BUY", "90.00", "1")),
        400,
        -2010,
        "Account has insufficient balance for requested action.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", clientId)),
        400,
        -2010,
        "Duplicate order sent.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            params(
                "symbol",
                SYMBOL,
                "side",
                "BUY",
                "type",
                "LIMIT_MAKER",
                "price",
                "100.00",
                "quantity",
                "1")),
        400,
        -2010,
        "Order would immediately match and take.");
  }

  @Test
  void unknownOrdersAreMinus2011OnCancelAndMinus2013OnQuery() {
    assertError(
        alice.signed("DELETE", "/api/v3/order", params("symbol", SYMBOL, "orderId", "987654321")),
        400,
        -2011,
        "Unknown order sent.");
    assertError(
        alice.signed(
            "DELETE", "/api/v3/order", params("symbol", SYMBOL, "origClientOrderId", "never-sent")),
        400,
        -2011,
        "Unknown order sent.");
    assertError(
        alice.signed("GET", "/api/v3/order", params("symbol", SYMBOL, "orderId", "987654321")),
        400,
        -2013,
        "Order does not exist.");
    assertError(
        alice.signed("GET", "/api/v3/order", params("symbol", SYMBOL)),
        400,
        -1102,
        "'origClientOrderId' or 'orderId'");
  }

  @Test
  void rejectsBadCredentialsTimestampsAndSignatures() {
    String payload = "symbol=" + SYMBOL + "&timestamp=" + System.currentTimeMillis();
    String signature = SigningClient.hmacSha256Hex("alice-secret", payload);

    assertError(
        alice.raw("GET", "/api/v3/openOrders", payload + "&signature=" + signature, "", Map.of()),
        401,
        -2014,
        "API-key format invalid.");
    assertError(
        alice.raw(
            "GET",
            "/api/v3/openOrders",
            payload + "&signature=" + signature,
            "",
            Map.of("X-MBX-APIKEY", "nobody")),
        401,
        -2015,
        "Invalid API-key, IP, or permissions for action.");
    assertError(
        alice.raw(
            "GET",
            "/api/v3/openOrders",
            payload + "&signature=" + "0".repeat(64),
            "",
            Map.of("X-MBX-APIKEY", "alice-key")),
        400,
        -1022,
        "Signature for this request is not valid.");
    assertError(
        alice.signed(
            "GET",
            "/api/v3/openOrders",
            params("timestamp", Long.toString(System.currentTimeMillis() - 10_000))),
        400,
        -1021,
        "outside of the recvWindow");
    assertError(
        alice.signed(
            "GET",
            "/api/v3/openOrders",
            params("timestamp", Long.toString(System.currentTimeMillis() + 5_000))),
        400,
        -1021,
        "ahead of the server's time");
    assertThat(
            alice
                .signed(
                    "GET",
                    "/api/v3/openOrders",
                    params(
                        "recvWindow",
                        "20000",
                        "timestamp",
                        Long.toString(System.currentTimeMillis() - 10_000)))
                .status())
        .isEqualTo(200);
    // Binance takes timestamps in microseconds too, and recvWindow with up to three decimals.
    long nowMicros = System.currentTimeMillis() * 1_000;
    assertThat(
            alice
                .signed("GET", "/api/v3/openOrders", params("timestamp", Long.toString(nowMicros)))
                .status())
        .isEqualTo(200);
    assertError(
        alice.signed(
            "GET",
            "/api/v3/openOrders",
            params("timestamp", Long.toString(nowMicros - 10_000_000))),
        400,
        -1021,
        "outside of the recvWindow");
    assertThat(
            alice
                .signed(
                    "GET",
                    "/api/v3/openOrders",
                    params(
                        "recvWindow",
                        "20000.346",
                        "timestamp",
                        Long.toString(System.currentTimeMillis() - 10_000)))
                .status())
        .isEqualTo(200);
    assertError(
        alice.signed("GET", "/api/v3/openOrders", params("recvWindow", "5000.1234")),
        400,
        -1111,
        "Parameter 'recvWindow' has too much precision.");
  }

  @Test
  void acceptsASignatureOverQueryStringAndBodyTogether() {
    String query = "symbol=" + SYMBOL + "&side=BUY&type=LIMIT&timeInForce=GTC";
    String body = "quantity=1&price=80.00&recvWindow=5000&timestamp=" + System.currentTimeMillis();
    String signature = SigningClient.hmacSha256Hex("alice-secret", query + body);

    Response order =
        alice.raw(
            "POST",
            "/api/v3/order",
            query,
            body + "&signature=" + signature,
            Map.of("X-MBX-APIKEY", "alice-key"));

    assertThat(order.status()).isEqualTo(200);
    assertThat(order.body().path("status").asString()).isEqualTo("NEW");
  }

  @Test
  void answers429WithRetryAfterWhenOverTheWeightLimitAnd418WhenItContinues() {
    SigningClient greedy = client("alice-key", "alice-secret");
    Response last;
    do {
      last = greedy.publicGet("/api/v3/exchangeInfo", Map.of());
    } while (last.status() == 200);

    assertError(last, 429, -1003, "Too much request weight used");
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    Response banned;
    do {
      banned = greedy.publicGet("/api/v3/ping", Map.of());
    } while (banned.status() == 429);
    assertError(banned, 418, -1003, "IP banned until");
    assertThat(banned.header("Retry-After")).isNotNull();
  }

  @Test
  void answers429WithMinus1015WhenAnAccountSendsTooManyOrders() {
    SigningClient bob = client("bob-key", "bob-secret");
    Response last;
    int sent = 0;
    do {
      last =
          bob.signed(
              "POST",
              "/api/v3/order",
              params(
                  "symbol",
                  SYMBOL,
                  "side",
                  "BUY",
                  "type",
                  "LIMIT_MAKER",
                  "price",
                  "90.00",
                  "quantity",
                  "0.1"));
      sent++;
      // Refused orders count too (MAX_NUM_ORDERS stops bob's book at 10 open orders).
    } while (last.status() != 429 && sent < 1_000);

    assertError(last, 429, -1015, "Too many new orders");
    assertThat(last.header("Retry-After")).isNotNull();
    bob.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
  }

  @Test
  void injectedTimeoutAfterAcceptLeavesTheOrderLiveForTheConnectorToFind() {
    setFaults("{\"timeoutAfterAcceptRate\": 1.0}");
    String clientId = "t-" + UUID.randomUUID().toString().substring(0, 8);

    Response timedOut =
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "85.00", "1"), "newClientOrderId", clientId));
    setFaults("{}");
    Response lookup =
        alice.signed(
            "GET", "/api/v3/order", params("symbol", SYMBOL, "origClientOrderId", clientId));

    assertError(
        timedOut,
        503,
        -1007,
        "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
    assertThat(lookup.body().path("status").asString()).isEqualTo("NEW");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "85.00", "1"), "newClientOrderId", clientId)),
        400,
        -2010,
        "Duplicate order sent.");
  }

  @Test
  void injectedServerErrorsAndLatencyAreAppliedAndCanBeTurnedOff() {
    Response settings = setFaults("{\"serverErrorRate\": 1.0}");
    Response failed = alice.publicGet("/api/v3/ping", Map.of());
    setFaults("{\"latencyMillis\": 300}");
    long start = System.nanoTime();
    Response slow = alice.publicGet("/api/v3/ping", Map.of());
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    Response invalid = setFaults("{\"serverErrorRate\": 2}");

    assertThat(settings.body().path("serverErrorRate").asDouble()).isEqualTo(1.0);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(slow.status()).isEqualTo(200);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    assertThat(invalid.status()).isEqualTo(400);
  }

  @Test
  void simulatedParticipantsKeepABookWithDepthAndTradesWithoutAnyClient() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Response depth =
                  alice.publicGet("/api/v3/depth", params("symbol", "BTCUSDT", "limit", "20"));
              assertThat(depth.body().path("bids").size()).isGreaterThanOrEqualTo(5);
              assertThat(depth.body().path("asks").size()).isGreaterThanOrEqualTo(5);
              assertThat(new BigDecimal(depth.body().path("bids").get(0).get(0).asString()))
                  .isLessThan(new BigDecimal(depth.body().path("asks").get(0).get(0).asString()));
            });
  }

  @Test
  void exposesHealthGroupsAndPrometheusMetrics() {
    Response liveness = alice.publicGet("/actuator/health/liveness", Map.of());
    Response readiness = alice.publicGet("/actuator/health/readiness", Map.of());
    String prometheus = alice.raw("GET", "/actuator/prometheus", "", "", Map.of()).raw().body();

    assertThat(liveness.body().path("status").asString()).isEqualTo("UP");
    assertThat(readiness.body().path("status").asString()).isEqualTo("UP");
    assertThat(prometheus)
        .contains(
            "simulator_orders_total",
            "simulator_match_latency_seconds_bucket",
            "simulator_book_resting_orders");
  }

  private SigningClient client(String apiKey, String secret) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String ip =
        "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    return new SigningClient("http://localhost:" + port, apiKey, secret, ip);
  }

  private Response setFaults(String json) {
    try {
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://localhost:" + port + "/admin/faults"))
                      .header("Content-Type", "application/json")
                      .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode body =
          response.statusCode() == 200
              ? new tools.jackson.databind.ObjectMapper().readTree(response.body())
              : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      return new Response(response.statusCode(), body, response);
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> limit(String side, String price, String quantity) {
    return params(
        "symbol",
        SYMBOL,
        "side",
        side,
        "type",
        "LIMIT",
        "timeInForce",
        "GTC",
        "price",
        price,
        "quantity",
        quantity);
  }

  private static Map<String, String> with(Map<String, String> params, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(params);
    copy.put(key, value);
    return copy;
  }

  private static JsonNode balance(JsonNode account, String asset) {
    for (JsonNode balance : account.path("balances")) {
      if (balance.path("asset").asString().equals(asset)) {
        return balance;
      }
    }
    throw new AssertionError("no " + asset + " balance in " + account);
  }

  private static void assertError(Response response, int status, int code, String messagePart) {
    assertThat(response.status()).as("HTTP status of %s", response.body()).isEqualTo(status);
    assertThat(response.code()).as("code of %s", response.body()).isEqualTo(code);
    assertThat(response.msg()).contains(messagePart);
  }
}
