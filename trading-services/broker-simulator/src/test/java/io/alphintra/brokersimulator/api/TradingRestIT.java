package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.MarketDataRestIT.assertError;
import static io.alphintra.brokersimulator.api.SigningClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokersimulator.api.SigningClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The trading endpoints beyond new/query/cancel over real HTTP: order/test, quote-sized MARKET
 * orders, cancelReplace, allOrders, myTrades, account/commission; the filters and rate limits
 * exchangeInfo advertises; and what the venue refuses rather than ignores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class TradingRestIT {

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
  void cancelOpenOrders() {
    alice.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
    carol.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
  }

  @Test
  void testOrderValidatesLikeARealOrderWithoutPlacingIt() {
    SigningClient poor = client("poor-key", "poor-secret");
    String restingId = id("resting");
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1")));
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", restingId)));
    int openBefore = openOrders(alice).size();

    Response plain = alice.signed("POST", "/api/v3/order/test", limit("BUY", "90.00", "1"));
    Response withRates =
        alice.signed(
            "POST",
            "/api/v3/order/test",
            with(limit("BUY", "90.00", "1"), "computeCommissionRates", "true"));

    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.body().isEmpty()).isTrue();
    assertThat(fieldNames(withRates.body()))
        .containsExactly(
            "standardCommissionForOrder",
            "specialCommissionForOrder",
            "taxCommissionForOrder",
            "discount");
    assertThat(withRates.body().path("standardCommissionForOrder").path("maker").asString())
        .isEqualTo("0.00100000");
    assertThat(withRates.body().path("standardCommissionForOrder").path("taker").asString())
        .isEqualTo("0.00100000");
    assertThat(withRates.body().path("discount").path("enabledForAccount").asBoolean()).isFalse();
    assertThat(
            Integer.parseInt(withRates.header("X-MBX-USED-WEIGHT-1M"))
                - Integer.parseInt(plain.header("X-MBX-USED-WEIGHT-1M")))
        .isEqualTo(20);
    assertThat(openOrders(alice)).hasSize(openBefore);

    assertError(
        alice.signed("POST", "/api/v3/order/test", limit("BUY", "90.001", "1")),
        400,
        -1013,
        "Filter failure: PRICE_FILTER");
    assertError(
        poor.signed("POST", "/api/v3/order/test", limit("BUY", "90.00", "1")),
        400,
        -2010,
        "Account has insufficient balance for requested action.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order/test",
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
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order/test",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", restingId)),
        400,
        -2010,
        "Duplicate order sent.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order/test",
            with(limit("BUY", "90.00", "1"), "computeCommissionRates", "maybe")),
        400,
        -1130,
        "'computeCommissionRates'");
  }

  @Test
  void marketOrdersByQuoteOrderQtySpendOrReceiveAtMostThatMuch() {
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1")));
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "101.00", "1")));

    Response buy = alice.signed("POST", "/api/v3/order", quoteMarket("BUY", "150"));

    assertThat(buy.status()).as("%s", buy.body()).isEqualTo(200);
    assertThat(buy.body().path("type").asString()).isEqualTo("MARKET");
    assertThat(buy.body().path("origQuoteOrderQty").asString()).isEqualTo("150.00000000");
    assertThat(buy.body().path("executedQty").asString()).isEqualTo("1.49500000");
    assertThat(buy.body().path("cummulativeQuoteQty").asString()).isEqualTo("149.99500000");
    assertThat(buy.body().path("status").asString()).isEqualTo("FILLED");
    assertThat(buy.body().path("fills").size()).isEqualTo(2);

    ok(carol.signed("POST", "/api/v3/order", limit("BUY", "99.00", "1")));
    Response sell = alice.signed("POST", "/api/v3/order", quoteMarket("SELL", "49.5"));
    assertThat(sell.body().path("executedQty").asString()).isEqualTo("0.50000000");
    assertThat(sell.body().path("cummulativeQuoteQty").asString()).isEqualTo("49.50000000");

    assertError(
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "quoteOrderQty", "90")),
        400,
        -1106,
        "Parameter 'quoteOrderQty' sent when not required.");
    assertError(
        alice.signed("POST", "/api/v3/order", with(quoteMarket("BUY", "100"), "quantity", "1")),
        400,
        -1106,
        "'quoteOrderQty'");
    assertError(
        alice.signed(
            "POST", "/api/v3/order", params("symbol", SYMBOL, "side", "BUY", "type", "MARKET")),
        400,
        -1102,
        "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!");
    assertError(
        alice.signed("POST", "/api/v3/order", quoteMarket("BUY", "1")),
        400,
        -1013,
        "Filter failure: NOTIONAL");
  }

  @Test
  void whatTheSymbolDoesNotOfferIsRejectedNotIgnored() {
    assertError(
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "icebergQty", "0.1")),
        400,
        -2010,
        "Iceberg orders are not supported for this symbol.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(with(limit("BUY", "90.00", "1"), "type", "STOP_LOSS_LIMIT"), "stopPrice", "95")),
        400,
        -2010,
        "Stop loss limit orders are not supported for this symbol.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            params("symbol", SYMBOL, "side", "SELL", "type", "TAKE_PROFIT", "quantity", "1")),
        400,
        -2010,
        "Take profit orders are not supported for this symbol.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            params("symbol", SYMBOL, "side", "SELL", "type", "STOP_LOSS", "quantity", "1")),
        400,
        -2010,
        "Stop loss orders are not supported for this symbol.");
    assertError(
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "trailingDelta", "100")),
        400,
        -2010,
        "Trailing stop orders are not supported for this symbol.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "pegPriceType", "PRIMARY_PEG")),
        400,
        -2010,
        "Pegged orders are not supported for this symbol.");
    for (String mode : List.of("EXPIRE_MAKER", "EXPIRE_BOTH", "NONE", "DECREMENT", "SOMETIMES")) {
      assertError(
          alice.signed(
              "POST",
              "/api/v3/order",
              with(limit("BUY", "90.00", "1"), "selfTradePreventionMode", mode)),
          400,
          -1130,
          "Data sent for parameter 'selfTradePreventionMode' is not valid.");
    }
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "selfTradePreventionMode", "EXPIRE_TAKER")));
    assertError(
        alice.signed("POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "stopPrice", "95")),
        400,
        -1106,
        "Parameter 'stopPrice' sent when not required.");
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
                "MARKET",
                "quantity",
                "1",
                "timeInForce",
                "GTC")),
        400,
        -1114,
        "TimeInForce parameter sent when not required.");
    assertError(
        alice.signed("POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "colour", "blue")),
        400,
        -1104,
        "Not all sent parameters were read; read '8' parameter(s) but was sent '9'.");
    assertError(
        alice.signed("POST", "/api/v3/order", with(limit("BUY", "90.00", "1"), "type", "BOGUS")),
        400,
        -1116,
        "Invalid orderType.");
  }

  @Test
  void exchangeInfoAdvertisesTheFiltersAndLimitsTheVenueEnforces() {
    JsonNode symbol =
        alice
            .publicGet("/api/v3/exchangeInfo", params("symbol", SYMBOL))
            .body()
            .path("symbols")
            .get(0);
    Map<String, JsonNode> filters = new LinkedHashMap<>();
    symbol
        .path("filters")
        .forEach(filter -> filters.put(filter.path("filterType").asString(), filter));
    JsonNode rateLimits =
        alice.publicGet("/api/v3/exchangeInfo", Map.of()).body().path("rateLimits");

    assertThat(symbol.path("orderTypes").toString())
        .isEqualTo("[\"LIMIT\",\"LIMIT_MAKER\",\"MARKET\"]");
    assertThat(symbol.path("icebergAllowed").asBoolean()).isFalse();
    assertThat(symbol.path("quoteOrderQtyMarketAllowed").asBoolean()).isTrue();
    assertThat(symbol.path("cancelReplaceAllowed").asBoolean()).isTrue();
    assertThat(symbol.path("allowedSelfTradePreventionModes").toString())
        .isEqualTo("[\"EXPIRE_TAKER\"]");
    assertThat(filters.get("MARKET_LOT_SIZE").path("maxQty").asString()).isEqualTo("50.00000000");
    assertThat(filters.get("MAX_NUM_ORDERS").path("maxNumOrders").asInt()).isEqualTo(10);
    assertThat(filters.get("PERCENT_PRICE_BY_SIDE").path("bidMultiplierUp").asString())
        .isEqualTo("5");
    assertThat(filters.get("PERCENT_PRICE_BY_SIDE").path("askMultiplierDown").asString())
        .isEqualTo("0.2");
    assertThat(filters.get("PERCENT_PRICE_BY_SIDE").path("avgPriceMins").asInt()).isEqualTo(5);
    assertThat(rateLimits.get(2).toString())
        .isEqualTo(
            "{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":200000}");
    assertThat(rateLimits.get(3).toString())
        .isEqualTo(
            "{\"rateLimitType\":\"RAW_REQUESTS\",\"interval\":\"MINUTE\",\"intervalNum\":5,\"limit\":400}");

    // A trade at 100 gives the symbol an average price for PERCENT_PRICE_BY_SIDE.
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "0.1")));
    ok(alice.signed("POST", "/api/v3/order", limit("BUY", "100.00", "0.1")));
    assertError(
        alice.signed("POST", "/api/v3/order", limit("BUY", "600.00", "0.1")),
        400,
        -1013,
        "Filter failure: PERCENT_PRICE_BY_SIDE");
    assertError(
        alice.signed("POST", "/api/v3/order", limit("SELL", "15.00", "1")),
        400,
        -1013,
        "Filter failure: PERCENT_PRICE_BY_SIDE");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order",
            params("symbol", SYMBOL, "side", "SELL", "type", "MARKET", "quantity", "51")),
        400,
        -1013,
        "Filter failure: MARKET_LOT_SIZE");

    SigningClient dave = client("dave-key", "dave-secret");
    try {
      for (int i = 0; i < 10; i++) {
        ok(dave.signed("POST", "/api/v3/order", limit("BUY", "90.00", "0.1")));
      }
      assertError(
          dave.signed("POST", "/api/v3/order", limit("BUY", "90.00", "0.1")),
          400,
          -1013,
          "Filter failure: MAX_NUM_ORDERS");
    } finally {
      dave.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
    }
  }

  @Test
  void rawRequestsArelimitedPerIpEvenWhenLight() {
    SigningClient pinger = client("alice-key", "alice-secret");
    Response last;
    int sent = 0;
    do {
      last = pinger.publicGet("/api/v3/ping", Map.of());
      sent++;
      // Up to two windows: a 5-minute boundary during the loop only delays the refusal.
    } while (last.status() == 200 && sent < 801);

    assertThat(sent).isGreaterThan(400);
    assertError(last, 429, -1003, "Too many requests; current limit is 400 requests per 5 MINUTE.");
    assertThat(last.header("Retry-After")).isNotNull();
  }

  @Test
  void allOrdersAndMyTradesListTheAccountsHistory() {
    String sellId = id("sell");
    String firstBuyId = id("buy1");
    String secondBuyId = id("buy2");
    String canceledId = id("cancel");
    long sellOrderId =
        ok(carol.signed(
                "POST",
                "/api/v3/order",
                with(limit("SELL", "100.00", "1"), "newClientOrderId", sellId)))
            .path("orderId")
            .asLong();
    long firstBuy =
        ok(alice.signed(
                "POST",
                "/api/v3/order",
                with(limit("BUY", "100.00", "0.4"), "newClientOrderId", firstBuyId)))
            .path("orderId")
            .asLong();
    long secondBuy =
        ok(alice.signed(
                "POST",
                "/api/v3/order",
                with(limit("BUY", "100.00", "0.6"), "newClientOrderId", secondBuyId)))
            .path("orderId")
            .asLong();
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", canceledId)));
    ok(
        alice.signed(
            "DELETE", "/api/v3/order", params("symbol", SYMBOL, "origClientOrderId", canceledId)));

    // Fresh clients (own IPs) where the test reads the request weight.
    Response all =
        client("alice-key", "alice-secret")
            .signed("GET", "/api/v3/allOrders", params("symbol", SYMBOL));
    Response fromSecond =
        alice.signed(
            "GET",
            "/api/v3/allOrders",
            params("symbol", SYMBOL, "orderId", Long.toString(secondBuy)));
    Response newest =
        alice.signed("GET", "/api/v3/allOrders", params("symbol", SYMBOL, "limit", "1"));

    List<JsonNode> mine = new ArrayList<>();
    all.body()
        .forEach(
            order -> {
              if (List.of(firstBuyId, secondBuyId, canceledId)
                  .contains(order.path("clientOrderId").asString())) {
                mine.add(order);
              }
            });
    assertThat(mine)
        .extracting(order -> order.path("status").asString())
        .containsExactly("FILLED", "FILLED", "CANCELED");
    assertThat(fieldNames(mine.get(0)))
        .containsExactly(
            "symbol",
            "orderId",
            "orderListId",
            "clientOrderId",
            "price",
            "origQty",
            "executedQty",
            "cummulativeQuoteQty",
            "status",
            "timeInForce",
            "type",
            "side",
            "stopPrice",
            "icebergQty",
            "time",
            "updateTime",
            "isWorking",
            "origQuoteOrderQty",
            "workingTime",
            "selfTradePreventionMode");
    assertThat(all.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("20");
    assertThat(fromSecond.body().get(0).path("orderId").asLong()).isEqualTo(secondBuy);
    assertThat(newest.body().size()).isEqualTo(1);
    assertThat(newest.body().get(0).path("clientOrderId").asString()).isEqualTo(canceledId);
    // With startTime the oldest from it come first (Binance's rule for every time-ranged list).
    Response fromStartTime =
        alice.signed(
            "GET",
            "/api/v3/allOrders",
            params(
                "symbol",
                SYMBOL,
                "startTime",
                Long.toString(mine.get(0).path("time").asLong()),
                "limit",
                "1"));
    assertThat(fromStartTime.body().get(0).path("clientOrderId").asString()).isEqualTo(firstBuyId);

    Response aliceTrades =
        client("alice-key", "alice-secret")
            .signed(
                "GET",
                "/api/v3/myTrades",
                params("symbol", SYMBOL, "orderId", Long.toString(firstBuy)));
    Response carolTrades =
        carol.signed(
            "GET",
            "/api/v3/myTrades",
            params("symbol", SYMBOL, "orderId", Long.toString(sellOrderId)));

    JsonNode trade = aliceTrades.body().get(0);
    assertThat(aliceTrades.body().size()).isEqualTo(1);
    assertThat(fieldNames(trade))
        .containsExactly(
            "symbol",
            "id",
            "orderId",
            "orderListId",
            "price",
            "qty",
            "quoteQty",
            "commission",
            "commissionAsset",
            "time",
            "isBuyer",
            "isMaker",
            "isBestMatch");
    assertThat(trade.path("price").asString()).isEqualTo("100.00000000");
    assertThat(trade.path("qty").asString()).isEqualTo("0.40000000");
    assertThat(trade.path("commission").asString()).isEqualTo("0.00040000");
    assertThat(trade.path("commissionAsset").asString()).isEqualTo("SIM");
    assertThat(trade.path("isBuyer").asBoolean()).isTrue();
    assertThat(trade.path("isMaker").asBoolean()).isFalse();
    assertThat(aliceTrades.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("5");
    assertThat(carolTrades.body().size()).isEqualTo(2);
    assertThat(carolTrades.body().get(1).path("commission").asString()).isEqualTo("0.06000000");
    assertThat(carolTrades.body().get(1).path("commissionAsset").asString()).isEqualTo("USDT");
    assertThat(carolTrades.body().get(1).path("isMaker").asBoolean()).isTrue();
    assertThat(carolTrades.body().get(1).path("isBuyer").asBoolean()).isFalse();

    long secondTradeId = carolTrades.body().get(1).path("id").asLong();
    Response fromId =
        alice.signed(
            "GET",
            "/api/v3/myTrades",
            params("symbol", SYMBOL, "fromId", Long.toString(secondTradeId)));
    assertThat(fromId.body().get(0).path("id").asLong()).isEqualTo(secondTradeId);
    assertThat(fromId.body().get(0).path("orderId").asLong()).isEqualTo(secondBuy);
    assertError(
        alice.signed(
            "GET",
            "/api/v3/myTrades",
            params("symbol", SYMBOL, "startTime", "0", "endTime", Long.toString(86_400_001L))),
        400,
        -1127,
        "More than 24 hours between startTime and endTime.");
    assertError(
        alice.signed(
            "GET", "/api/v3/myTrades", params("symbol", SYMBOL, "fromId", "1", "startTime", "0")),
        400,
        -1128,
        "Combination of optional parameters invalid.");
  }

  @Test
  void accountCommissionListsTheSymbolsRates() {
    Response commission =
        alice.signed("GET", "/api/v3/account/commission", params("symbol", SYMBOL));

    assertThat(fieldNames(commission.body()))
        .containsExactly(
            "symbol", "standardCommission", "specialCommission", "taxCommission", "discount");
    assertThat(fieldNames(commission.body().path("standardCommission")))
        .containsExactly("maker", "taker", "buyer", "seller");
    assertThat(commission.body().path("standardCommission").path("taker").asString())
        .isEqualTo("0.00100000");
    assertThat(fieldNames(commission.body().path("discount")))
        .containsExactly("enabledForAccount", "enabledForSymbol", "discountAsset", "discount");
    assertThat(commission.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("20");
    assertError(
        alice.signed("GET", "/api/v3/account/commission", params("symbol", "NOPEUSDT")),
        400,
        -1121,
        "Invalid symbol.");
  }

  @Test
  void cancelHonoursCancelRestrictions() {
    String partial = id("partial");
    String fresh = id("fresh");
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", partial)));
    ok(
        alice.signed(
            "POST", "/api/v3/order", with(limit("BUY", "89.00", "1"), "newClientOrderId", fresh)));
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "90.00", "0.4")));

    assertError(
        alice.signed(
            "DELETE",
            "/api/v3/order",
            params(
                "symbol", SYMBOL, "origClientOrderId", partial, "cancelRestrictions", "ONLY_NEW")),
        400,
        -2011,
        "Order was not canceled due to cancel restrictions.");
    assertError(
        alice.signed(
            "DELETE",
            "/api/v3/order",
            params(
                "symbol",
                SYMBOL,
                "origClientOrderId",
                fresh,
                "cancelRestrictions",
                "ONLY_PARTIALLY_FILLED")),
        400,
        -2011,
        "Order was not canceled due to cancel restrictions.");
    assertError(
        alice.signed(
            "DELETE",
            "/api/v3/order",
            params("symbol", SYMBOL, "origClientOrderId", fresh, "cancelRestrictions", "ONLY_OLD")),
        400,
        -1145,
        "cancelRestrictions");
    assertThat(openOrders(alice).findValuesAsString("clientOrderId")).contains(partial, fresh);

    Response canceled =
        alice.signed(
            "DELETE",
            "/api/v3/order",
            params(
                "symbol",
                SYMBOL,
                "origClientOrderId",
                partial,
                "cancelRestrictions",
                "ONLY_PARTIALLY_FILLED"));
    assertThat(ok(canceled).path("status").asString()).isEqualTo("CANCELED");
    assertThat(ok(canceled).path("executedQty").asString()).isEqualTo("0.40000000");
    assertThat(
            ok(alice.signed(
                    "DELETE",
                    "/api/v3/order",
                    params(
                        "symbol",
                        SYMBOL,
                        "origClientOrderId",
                        fresh,
                        "cancelRestrictions",
                        "ONLY_NEW")))
                .path("status")
                .asString())
        .isEqualTo("CANCELED");
  }

  @Test
  void cancelReplaceRefusesAnUnknownOrderRateLimitExceededMode() {
    String original = id("orig");
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", original)));

    Response refused =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            with(
                replace(limit("BUY", "91.00", "1"), "STOP_ON_FAILURE", original, id("repl")),
                "orderRateLimitExceededMode",
                "CANCEL_ALL"));

    assertError(refused, 400, -1130, "orderRateLimitExceededMode");
    assertThat(openOrders(alice).findValuesAsString("clientOrderId")).contains(original);
  }

  /**
   * Binance's table for {@code orderRateLimitExceededMode} once the unfilled order count is
   * exceeded: DO_NOTHING (the default) refuses with -1015 and cancels nothing; CANCEL_ONLY still
   * cancels, refuses the new order with -1015, and answers 429 in STOP_ON_FAILURE mode, 409 or 400
   * in ALLOW_FAILURE mode.
   */
  @Test
  void cancelReplaceWithTheOrderCountExceededCancelsOnlyWhenAskedTo() {
    SigningClient limited = client("limited-key", "limited-secret");
    try {
      for (int attempt = 1; ; attempt++) {
        assertThat(attempt)
            .as("attempts to exhaust and use the order count inside one 10 s window")
            .isLessThanOrEqualTo(3);
        limited.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
        await()
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> System.currentTimeMillis() % 10_000 < 1_000);
        long window = System.currentTimeMillis() / 10_000;
        String first = id("first");
        String second = id("second");
        ok(
            limited.signed(
                "POST",
                "/api/v3/order",
                with(limit("BUY", "80.00", "0.1"), "newClientOrderId", first)));
        ok(
            limited.signed(
                "POST",
                "/api/v3/order",
                with(limit("BUY", "81.00", "0.1"), "newClientOrderId", second)));
        Response exhausted;
        int placed = 0;
        do {
          // IOC orders that find nothing to trade: they count, and none stays on the book.
          exhausted =
              limited.signed(
                  "POST",
                  "/api/v3/order",
                  with(limit("BUY", "89.00", "0.1"), "timeInForce", "IOC"));
          placed++;
        } while (exhausted.status() == 200 && placed <= 70);
        assertError(exhausted, 429, -1015, "Too many new orders");

        Response doNothing =
            limited.signed(
                "POST",
                "/api/v3/order/cancelReplace",
                with(
                    replace(limit("BUY", "82.00", "0.1"), "STOP_ON_FAILURE", first, id("n")),
                    "orderRateLimitExceededMode",
                    "DO_NOTHING"));
        boolean firstStillOpen =
            openOrders(limited).findValuesAsString("clientOrderId").contains(first);
        Response stopOnFailure =
            limited.signed(
                "POST",
                "/api/v3/order/cancelReplace",
                with(
                    replace(limit("BUY", "82.00", "0.1"), "STOP_ON_FAILURE", first, id("n")),
                    "orderRateLimitExceededMode",
                    "CANCEL_ONLY"));
        Response allowFailure =
            limited.signed(
                "POST",
                "/api/v3/order/cancelReplace",
                with(
                    replace(limit("BUY", "83.00", "0.1"), "ALLOW_FAILURE", second, id("n")),
                    "orderRateLimitExceededMode",
                    "CANCEL_ONLY"));
        Response nothingToCancel =
            limited.signed(
                "POST",
                "/api/v3/order/cancelReplace",
                with(
                    replace(limit("BUY", "84.00", "0.1"), "ALLOW_FAILURE", id("gone"), id("n")),
                    "orderRateLimitExceededMode",
                    "CANCEL_ONLY"));
        Response stoppedBeforeAnything =
            limited.signed(
                "POST",
                "/api/v3/order/cancelReplace",
                with(
                    replace(limit("BUY", "84.00", "0.1"), "STOP_ON_FAILURE", id("gone"), id("n")),
                    "orderRateLimitExceededMode",
                    "CANCEL_ONLY"));
        if (System.currentTimeMillis() / 10_000 != window) {
          continue; // the window rolled over mid-way: the count was no longer exceeded
        }

        assertError(doNothing, 429, -1015, "Too many new orders");
        assertThat(firstStillOpen).as("DO_NOTHING cancels nothing").isTrue();

        assertError(stopOnFailure, 429, -2021, "Order cancel-replace partially failed.");
        JsonNode data = stopOnFailure.body().path("data");
        assertThat(data.path("cancelResult").asString()).isEqualTo("SUCCESS");
        assertThat(data.path("newOrderResult").asString()).isEqualTo("FAILURE");
        assertThat(data.path("cancelResponse").path("status").asString()).isEqualTo("CANCELED");
        assertThat(data.path("newOrderResponse").path("code").asInt()).isEqualTo(-1015);
        assertThat(stopOnFailure.header("Retry-After")).isNotNull();

        assertError(allowFailure, 409, -2021, "Order cancel-replace partially failed.");
        assertThat(allowFailure.body().path("data").path("cancelResult").asString())
            .isEqualTo("SUCCESS");
        assertThat(allowFailure.body().path("data").path("newOrderResponse").path("code").asInt())
            .isEqualTo(-1015);

        assertError(nothingToCancel, 400, -2022, "Order cancel-replace failed.");
        assertThat(nothingToCancel.body().path("data").path("newOrderResult").asString())
            .isEqualTo("FAILURE");
        assertThat(nothingToCancel.body().path("data").path("cancelResponse").path("code").asInt())
            .isEqualTo(-2011);

        assertError(stoppedBeforeAnything, 429, -2022, "Order cancel-replace failed.");
        assertThat(stoppedBeforeAnything.body().path("data").path("newOrderResult").asString())
            .isEqualTo("NOT_ATTEMPTED");

        assertThat(openOrders(limited).findValuesAsString("clientOrderId"))
            .as("both canceled, no replacement placed")
            .isEmpty();
        return;
      }
    } finally {
      limited.signed("DELETE", "/api/v3/openOrders", params("symbol", SYMBOL));
    }
  }

  @Test
  void cancelReplaceSwapsAnOrderAndReportsEachHalf() {
    String original = id("orig");
    String replacement = id("repl");
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", original)));

    Response swapped =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(limit("BUY", "91.00", "1"), "STOP_ON_FAILURE", original, replacement));

    assertThat(swapped.status()).as("%s", swapped.body()).isEqualTo(200);
    assertThat(fieldNames(swapped.body()))
        .containsExactly("cancelResult", "newOrderResult", "cancelResponse", "newOrderResponse");
    assertThat(swapped.body().path("cancelResponse").path("status").asString())
        .isEqualTo("CANCELED");
    assertThat(swapped.body().path("cancelResponse").path("origClientOrderId").asString())
        .isEqualTo(original);
    assertThat(swapped.body().path("newOrderResponse").path("status").asString()).isEqualTo("NEW");
    assertThat(swapped.body().path("newOrderResponse").path("price").asString())
        .isEqualTo("91.00000000");
    assertThat(openOrders(alice).findValuesAsString("clientOrderId"))
        .contains(replacement)
        .doesNotContain(original);

    Response stopped =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(limit("BUY", "92.00", "1"), "STOP_ON_FAILURE", id("gone"), id("never")));
    assertError(stopped, 400, -2022, "Order cancel-replace failed.");
    JsonNode data = stopped.body().path("data");
    assertThat(data.path("cancelResult").asString()).isEqualTo("FAILURE");
    assertThat(data.path("newOrderResult").asString()).isEqualTo("NOT_ATTEMPTED");
    assertThat(data.path("cancelResponse").path("code").asInt()).isEqualTo(-2011);
    assertThat(data.path("cancelResponse").path("msg").asString()).isEqualTo("Unknown order sent.");
    assertThat(data.has("newOrderResponse")).isTrue();
    assertThat(data.path("newOrderResponse").isNull()).isTrue();
    assertThat(openOrders(alice).findValuesAsString("price")).doesNotContain("92.00000000");

    Response allowed =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(limit("BUY", "93.00", "1"), "ALLOW_FAILURE", id("gone"), id("placed")));
    assertError(allowed, 409, -2021, "Order cancel-replace partially failed.");
    assertThat(allowed.body().path("data").path("cancelResult").asString()).isEqualTo("FAILURE");
    assertThat(allowed.body().path("data").path("newOrderResult").asString()).isEqualTo("SUCCESS");
    assertThat(allowed.body().path("data").path("newOrderResponse").path("status").asString())
        .isEqualTo("NEW");

    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1")));
    Map<String, String> wouldTake =
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
            "1");
    Response halfDone =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(wouldTake, "STOP_ON_FAILURE", replacement, id("maker")));
    assertError(halfDone, 409, -2021, "Order cancel-replace partially failed.");
    assertThat(halfDone.body().path("data").path("cancelResult").asString()).isEqualTo("SUCCESS");
    assertThat(halfDone.body().path("data").path("newOrderResult").asString()).isEqualTo("FAILURE");
    assertThat(halfDone.body().path("data").path("newOrderResponse").path("code").asInt())
        .isEqualTo(-2010);
    assertThat(halfDone.body().path("data").path("newOrderResponse").path("msg").asString())
        .isEqualTo("Order would immediately match and take.");

    Response bothFailed =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(wouldTake, "ALLOW_FAILURE", id("gone"), id("maker")));
    assertError(bothFailed, 400, -2022, "Order cancel-replace failed.");
    assertThat(bothFailed.body().path("data").path("newOrderResult").asString())
        .isEqualTo("FAILURE");
  }

  @Test
  void cancelReplaceChecksTheNewOrderAndTheRestrictionsBeforeCanceling() {
    String original = id("keep");
    ok(
        alice.signed(
            "POST",
            "/api/v3/order",
            with(limit("BUY", "90.00", "1"), "newClientOrderId", original)));

    assertError(
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(limit("BUY", "90.001", "1"), "STOP_ON_FAILURE", original, id("bad"))),
        400,
        -1013,
        "Filter failure: PRICE_FILTER");
    Response restricted =
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            with(
                replace(limit("BUY", "91.00", "1"), "STOP_ON_FAILURE", original, id("restricted")),
                "cancelRestrictions",
                "ONLY_PARTIALLY_FILLED"));
    assertError(restricted, 400, -2022, "Order cancel-replace failed.");
    assertThat(restricted.body().path("data").path("cancelResponse").path("msg").asString())
        .isEqualTo("Order was not canceled due to cancel restrictions.");
    assertError(
        alice.signed(
            "POST",
            "/api/v3/order/cancelReplace",
            replace(limit("BUY", "91.00", "1"), "SOMETIMES", original, id("mode"))),
        400,
        -1130,
        "'cancelReplaceMode'");
    assertThat(openOrders(alice).findValuesAsString("clientOrderId")).contains(original);
  }

  @Test
  void unknownPathsAndMethodsAnswerBinanceErrorBodies() {
    Response unknown = alice.publicGet("/api/v3/nothingHere", Map.of());
    Response outsideApi = alice.publicGet("/nothing/here", Map.of());
    Response wrongMethod = alice.raw("DELETE", "/api/v3/time", "", "", Map.of());
    Response postKlines = alice.raw("POST", "/api/v3/klines", "", "symbol=SIMUSDT", Map.of());

    assertError(unknown, 404, -1000, "Unknown endpoint GET /api/v3/nothingHere");
    assertError(outsideApi, 404, -1000, "Unknown endpoint GET /nothing/here");
    assertError(wrongMethod, 405, -1020, "This operation is not supported: DELETE /api/v3/time");
    assertThat(wrongMethod.msg()).contains("allowed: GET");
    assertError(postKlines, 405, -1020, "POST /api/v3/klines");
  }

  private SigningClient client(String apiKey, String secret) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String ip =
        "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    return new SigningClient("http://localhost:" + port, apiKey, secret, ip);
  }

  private JsonNode openOrders(SigningClient client) {
    return client.signed("GET", "/api/v3/openOrders", params("symbol", SYMBOL)).body();
  }

  private static JsonNode ok(Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    return response.body();
  }

  private static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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

  private static Map<String, String> quoteMarket(String side, String quoteOrderQty) {
    return params("symbol", SYMBOL, "side", side, "type", "MARKET", "quoteOrderQty", quoteOrderQty);
  }

  private static Map<String, String> replace(
      Map<String, String> order, String mode, String cancelClientOrderId, String newClientOrderId) {
    Map<String, String> request = new LinkedHashMap<>(order);
    request.put("cancelReplaceMode", mode);
    request.put("cancelOrigClientOrderId", cancelClientOrderId);
    request.put("newClientOrderId", newClientOrderId);
    return request;
  }

  private static Map<String, String> with(Map<String, String> params, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.put(key, value);
    return copy;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
