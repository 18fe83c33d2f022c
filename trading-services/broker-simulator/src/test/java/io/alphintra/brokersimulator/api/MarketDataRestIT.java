package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.api.SigningClient.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Market data over real HTTP, computed from trades this class makes on MDTUSDT (no simulated flow,
 * no other test trades it): five trades, four aggregate trades, known OHLC and volumes.
 *
 * <p>The tape: 1 @ 100.00 (taker buys), 2 @ 101.00 (taker sells), 0.5 + 0.5 @ 99.00 (one taker buys
 * from two makers), 1 @ 103.00 (taker buys); then a bid 1 @ 95.00 and an ask 1 @ 110.00 rest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class MarketDataRestIT {

  private static final String SYMBOL = "MDTUSDT";
  private static final List<String> INTERVALS =
      List.of(
          "1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d",
          "1w", "1M");
  private static final List<String> FULL_DAY_FIELDS =
      List.of(
          "symbol",
          "priceChange",
          "priceChangePercent",
          "weightedAvgPrice",
          "prevClosePrice",
          "lastPrice",
          "lastQty",
          "bidPrice",
          "bidQty",
          "askPrice",
          "askQty",
          "openPrice",
          "highPrice",
          "lowPrice",
          "volume",
          "quoteVolume",
          "openTime",
          "closeTime",
          "firstId",
          "lastId",
          "count");
  private static final List<String> MINI_FIELDS =
      List.of(
          "symbol",
          "openPrice",
          "highPrice",
          "lowPrice",
          "lastPrice",
          "volume",
          "quoteVolume",
          "openTime",
          "closeTime",
          "firstId",
          "lastId",
          "count");

  private static boolean traded;
  private static long firstTradeTime;
  private static long lastTradeTime;

  @LocalServerPort int port;

  private SigningClient alice;

  @BeforeEach
  void tradeOnce() {
    alice = client("alice-key", "alice-secret");
    if (traded) {
      return;
    }
    // Own clients (own IPs) for the setup, so every test's `alice` starts with a fresh weight.
    SigningClient alice = client("alice-key", "alice-secret");
    SigningClient carol = client("carol-key", "carol-secret");
    firstTradeTime = System.currentTimeMillis();
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "100.00", "1")));
    ok(alice.signed("POST", "/api/v3/order", limit("BUY", "100.00", "1")));
    ok(alice.signed("POST", "/api/v3/order", limit("BUY", "101.00", "2")));
    ok(carol.signed("POST", "/api/v3/order", market("SELL", "2")));
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "99.00", "0.5")));
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "99.00", "0.5")));
    ok(alice.signed("POST", "/api/v3/order", market("BUY", "1")));
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "103.00", "1")));
    ok(alice.signed("POST", "/api/v3/order", limit("BUY", "103.00", "1")));
    lastTradeTime = System.currentTimeMillis();
    ok(alice.signed("POST", "/api/v3/order", limit("BUY", "95.00", "1")));
    ok(carol.signed("POST", "/api/v3/order", limit("SELL", "110.00", "1")));
    traded = true;
  }

  @Test
  void klinesTakeTimesInMicrosecondsLikeMilliseconds() {
    long start = firstTradeTime - 120_000;
    Response millis =
        alice.publicGet(
            "/api/v3/klines",
            params("symbol", SYMBOL, "interval", "1m", "startTime", Long.toString(start)));
    Response micros =
        alice.publicGet(
            "/api/v3/klines",
            params("symbol", SYMBOL, "interval", "1m", "startTime", Long.toString(start * 1_000)));

    assertThat(millis.status()).as("%s", millis.body()).isEqualTo(200);
    assertThat(millis.body().size()).isPositive();
    assertThat(micros.body()).isEqualTo(millis.body());
  }

  @Test
  void klinesOfEveryIntervalAddUpToTheTape() {
    for (String interval : INTERVALS) {
      Response response =
          alice.publicGet(
              "/api/v3/klines", params("symbol", SYMBOL, "interval", interval, "limit", "1000"));
      assertThat(response.status()).as(interval).isEqualTo(200);
      assertThat(response.header("X-MBX-USED-WEIGHT-1M")).isNotNull();
      JsonNode klines = response.body();
      assertThat(klines.size()).as(interval).isPositive();
      JsonNode first = klines.get(0);
      JsonNode last = klines.get(klines.size() - 1);
      assertThat(first.size()).isEqualTo(12);
      assertThat(first.get(1).asString()).as(interval).isEqualTo("100.00000000");
      assertThat(last.get(4).asString()).as(interval).isEqualTo("103.00000000");
      BigDecimal volume = BigDecimal.ZERO;
      BigDecimal quoteVolume = BigDecimal.ZERO;
      BigDecimal takerBuyVolume = BigDecimal.ZERO;
      long trades = 0;
      BigDecimal high = BigDecimal.ZERO;
      BigDecimal low = new BigDecimal("1000000");
      for (JsonNode kline : klines) {
        assertThat(kline.get(6).asLong()).isGreaterThan(kline.get(0).asLong());
        high = high.max(new BigDecimal(kline.get(2).asString()));
        low = low.min(new BigDecimal(kline.get(3).asString()));
        volume = volume.add(new BigDecimal(kline.get(5).asString()));
        quoteVolume = quoteVolume.add(new BigDecimal(kline.get(7).asString()));
        trades += kline.get(8).asLong();
        takerBuyVolume = takerBuyVolume.add(new BigDecimal(kline.get(9).asString()));
        assertThat(kline.get(11).asString()).isEqualTo("0");
      }
      assertThat(volume).as(interval).isEqualByComparingTo("5");
      assertThat(quoteVolume).as(interval).isEqualByComparingTo("504");
      assertThat(takerBuyVolume).as(interval).isEqualByComparingTo("3");
      assertThat(trades).as(interval).isEqualTo(5);
      assertThat(high).isEqualByComparingTo("103");
      assertThat(low).isEqualByComparingTo("99");
    }
  }

  @Test
  void klineIntervalsAreAlignedAndCloseOneMillisecondBeforeTheNextOpens() {
    JsonNode minute =
        alice.publicGet("/api/v3/klines", params("symbol", SYMBOL, "interval", "1m")).body();
    JsonNode day =
        alice.publicGet("/api/v3/klines", params("symbol", SYMBOL, "interval", "1d")).body();
    JsonNode dayInTokyo =
        alice
            .publicGet(
                "/api/v3/klines", params("symbol", SYMBOL, "interval", "1d", "timeZone", "9"))
            .body();
    JsonNode dayInKathmandu =
        alice
            .publicGet(
                "/api/v3/klines", params("symbol", SYMBOL, "interval", "1d", "timeZone", "05:45"))
            .body();

    long minuteOpen = minute.get(0).get(0).asLong();
    assertThat(minuteOpen % 60_000).isZero();
    assertThat(minute.get(0).get(6).asLong()).isEqualTo(minuteOpen + 59_999);
    assertThat(day.get(0).get(0).asLong() % 86_400_000L).isZero();
    assertThat((dayInTokyo.get(0).get(0).asLong() + 9 * 3_600_000L) % 86_400_000L).isZero();
    assertThat((dayInKathmandu.get(0).get(0).asLong() + 345 * 60_000L) % 86_400_000L).isZero();
  }

  @Test
  void klinesHonourStartTimeEndTimeAndLimit() {
    JsonNode newest =
        alice
            .publicGet("/api/v3/klines", params("symbol", SYMBOL, "interval", "1s", "limit", "1"))
            .body();
    JsonNode fromTheFuture =
        alice
            .publicGet(
                "/api/v3/klines",
                params(
                    "symbol",
                    SYMBOL,
                    "interval",
                    "1s",
                    "startTime",
                    Long.toString(lastTradeTime + 60_000)))
            .body();
    JsonNode beforeTheFirstTrade =
        alice
            .publicGet(
                "/api/v3/klines",
                params(
                    "symbol",
                    SYMBOL,
                    "interval",
                    "1m",
                    "endTime",
                    Long.toString(firstTradeTime - 120_000)))
            .body();
    JsonNode window =
        alice
            .publicGet(
                "/api/v3/klines",
                params(
                    "symbol",
                    SYMBOL,
                    "interval",
                    "1s",
                    "startTime",
                    Long.toString(firstTradeTime - 1_000),
                    "endTime",
                    Long.toString(lastTradeTime + 1_000),
                    "limit",
                    "1000"))
            .body();

    assertThat(newest.size()).isEqualTo(1);
    assertThat(newest.get(0).get(4).asString()).isEqualTo("103.00000000");
    assertThat(fromTheFuture.isArray()).isTrue();
    assertThat(fromTheFuture.size()).isZero();
    assertThat(beforeTheFirstTrade.isArray()).isTrue();
    assertThat(beforeTheFirstTrade.size()).isZero();
    assertThat(window.get(0).get(1).asString()).isEqualTo("100.00000000");
    assertThat(window.get(window.size() - 1).get(4).asString()).isEqualTo("103.00000000");
  }

  @Test
  void uiKlinesOpenWhereThePreviousCandleClosed() {
    JsonNode klines =
        alice
            .publicGet(
                "/api/v3/uiKlines", params("symbol", SYMBOL, "interval", "1s", "limit", "1000"))
            .body();

    for (int i = 1; i < klines.size(); i++) {
      assertThat(klines.get(i).get(1).asString()).isEqualTo(klines.get(i - 1).get(4).asString());
    }
    assertThat(klines.get(klines.size() - 1).get(4).asString()).isEqualTo("103.00000000");
  }

  @Test
  void klinesRejectBadIntervalsTimeZonesAndMissingParameters() {
    assertError(
        alice.publicGet("/api/v3/klines", params("symbol", SYMBOL, "interval", "2s")),
        400,
        -1120,
        "Invalid interval.");
    assertError(
        alice.publicGet("/api/v3/klines", params("symbol", SYMBOL, "interval", "1H")),
        400,
        -1120,
        "Invalid interval.");
    assertError(
        alice.publicGet("/api/v3/klines", params("symbol", SYMBOL)), 400, -1102, "'interval'");
    assertError(
        alice.publicGet(
            "/api/v3/uiKlines", params("symbol", SYMBOL, "interval", "1h", "timeZone", "15")),
        400,
        -1130,
        "'timeZone'");
    assertError(
        alice.publicGet("/api/v3/klines", params("symbol", "NOPEUSDT", "interval", "1h")),
        400,
        -1121,
        "Invalid symbol.");
  }

  @Test
  void dayTickerReportsTheTapeInBinancesFullAndMiniShapes() {
    Response full = alice.publicGet("/api/v3/ticker/24hr", params("symbol", SYMBOL));
    Response mini =
        alice.publicGet("/api/v3/ticker/24hr", params("symbol", SYMBOL, "type", "MINI"));

    assertThat(fieldNames(full.body())).containsExactlyElementsOf(FULL_DAY_FIELDS);
    assertThat(fieldNames(mini.body())).containsExactlyElementsOf(MINI_FIELDS);
    JsonNode ticker = full.body();
    assertThat(ticker.path("priceChange").asString()).isEqualTo("3.00000000");
    assertThat(ticker.path("priceChangePercent").asString()).isEqualTo("3.000");
    assertThat(ticker.path("weightedAvgPrice").asString()).isEqualTo("100.80000000");
    assertThat(ticker.path("prevClosePrice").asString()).isEqualTo("0.00000000");
    assertThat(ticker.path("lastPrice").asString()).isEqualTo("103.00000000");
    assertThat(ticker.path("lastQty").asString()).isEqualTo("1.00000000");
    assertThat(ticker.path("bidPrice").asString()).isEqualTo("95.00000000");
    assertThat(ticker.path("askPrice").asString()).isEqualTo("110.00000000");
    assertThat(ticker.path("openPrice").asString()).isEqualTo("100.00000000");
    assertThat(ticker.path("highPrice").asString()).isEqualTo("103.00000000");
    assertThat(ticker.path("lowPrice").asString()).isEqualTo("99.00000000");
    assertThat(ticker.path("volume").asString()).isEqualTo("5.00000000");
    assertThat(ticker.path("quoteVolume").asString()).isEqualTo("504.00000000");
    assertThat(ticker.path("firstId").asLong()).isEqualTo(1);
    assertThat(ticker.path("lastId").asLong()).isEqualTo(5);
    assertThat(ticker.path("count").asLong()).isEqualTo(5);
    assertThat(ticker.path("closeTime").asLong() - ticker.path("openTime").asLong())
        .isEqualTo(86_400_000L);
    assertThat(full.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("2");
  }

  @Test
  void dayTickerAnswersSeveralSymbolsAllSymbolsAndWeighsThem() {
    Response several =
        alice.publicGet(
            "/api/v3/ticker/24hr", params("symbols", "[\"MDTUSDT\",\"SIMUSDT\"]", "type", "MINI"));
    Response all = alice.publicGet("/api/v3/ticker/24hr", Map.of());

    assertThat(several.body().findValuesAsString("symbol")).containsExactly("MDTUSDT", "SIMUSDT");
    assertThat(fieldNames(several.body().get(0))).containsExactlyElementsOf(MINI_FIELDS);
    assertThat(all.body().findValuesAsString("symbol"))
        .containsExactly("BTCUSDT", "SIMUSDT", "MDTUSDT");
    assertThat(
            Integer.parseInt(all.header("X-MBX-USED-WEIGHT-1M"))
                - Integer.parseInt(several.header("X-MBX-USED-WEIGHT-1M")))
        .isEqualTo(80);
    assertError(
        alice.publicGet("/api/v3/ticker/24hr", params("symbol", SYMBOL, "type", "HUGE")),
        400,
        -1139,
        "Invalid ticker type.");
    assertError(
        alice.publicGet("/api/v3/ticker/24hr", params("symbols", "[\"MDTUSDT\",\"MDTUSDT\"]")),
        400,
        -1151,
        "Symbol is present multiple times in the list.");
    assertError(
        alice.publicGet("/api/v3/ticker/24hr", params("symbols", "MDTUSDT")),
        400,
        -1100,
        "Illegal characters found in parameter 'symbols'");
    assertError(
        alice.publicGet(
            "/api/v3/ticker/24hr", params("symbol", SYMBOL, "symbols", "[\"MDTUSDT\"]")),
        400,
        -1128,
        "Combination of optional parameters invalid.");
  }

  @Test
  void rollingTickerStartsOnAMinuteAndAcceptsEveryDocumentedWindow() {
    Response hour = alice.publicGet("/api/v3/ticker", params("symbol", SYMBOL, "windowSize", "1h"));
    Response mini =
        alice.publicGet(
            "/api/v3/ticker",
            params("symbols", "[\"MDTUSDT\",\"SIMUSDT\"]", "windowSize", "7d", "type", "MINI"));

    JsonNode ticker = hour.body();
    assertThat(fieldNames(ticker))
        .containsExactly(
            "symbol",
            "priceChange",
            "priceChangePercent",
            "weightedAvgPrice",
            "openPrice",
            "highPrice",
            "lowPrice",
            "lastPrice",
            "volume",
            "quoteVolume",
            "openTime",
            "closeTime",
            "firstId",
            "lastId",
            "count");
    assertThat(ticker.path("openTime").asLong() % 60_000).isZero();
    assertThat(ticker.path("volume").asString()).isEqualTo("5.00000000");
    assertThat(ticker.path("weightedAvgPrice").asString()).isEqualTo("100.80000000");
    assertThat(ticker.path("count").asLong()).isEqualTo(5);
    assertThat(hour.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("4");
    assertThat(fieldNames(mini.body().get(0))).containsExactlyElementsOf(MINI_FIELDS);
    assertThat(mini.body().get(0).path("quoteVolume").asString()).isEqualTo("504.00000000");
    for (String window : List.of("1m", "59m", "1h", "23h", "1d", "7d")) {
      assertThat(
              alice
                  .publicGet("/api/v3/ticker", params("symbol", SYMBOL, "windowSize", window))
                  .status())
          .as(window)
          .isEqualTo(200);
    }
    for (String window : List.of("60m", "24h", "8d", "1d2h", "0m")) {
      assertError(
          alice.publicGet("/api/v3/ticker", params("symbol", SYMBOL, "windowSize", window)),
          400,
          -1130,
          "'windowSize'");
    }
    assertError(
        alice.publicGet("/api/v3/ticker", Map.of()),
        400,
        -1102,
        "Param 'symbol' or 'symbols' must be sent");
  }

  @Test
  void rollingTickerRejectsWhatBinanceRejects() {
    for (String window : List.of("1H", "1M", "7D", "01m", "1w")) {
      Response refused =
          alice.publicGet("/api/v3/ticker", params("symbol", SYMBOL, "windowSize", window));
      assertError(refused, 400, -1130, "'windowSize'");
      assertThat(refused.body().path("msg").asString())
          .as(window)
          .isEqualTo("Data sent for parameter 'windowSize' is not valid.");
    }

    Response tooMany = alice.publicGet("/api/v3/ticker", params("symbols", symbolList(101)));
    assertError(tooMany, 400, -1101, "'symbols'");
    assertThat(tooMany.body().path("msg").asString())
        .isEqualTo("Too many values sent for parameter 'symbols', maximum allowed up to 100.");
    // One hundred passes the count; these names are unknown, so the symbols are checked next.
    assertError(
        alice.publicGet("/api/v3/ticker", params("symbols", symbolList(100))),
        400,
        -1121,
        "Invalid symbol");
  }

  /** A JSON list of {@code count} distinct symbol names, the first the test's own symbol. */
  private static String symbolList(int count) {
    List<String> names = new ArrayList<>(List.of("\"" + SYMBOL + "\""));
    for (int i = 1; i < count; i++) {
      names.add("\"NOSUCH" + i + "USDT\"");
    }
    return "[" + String.join(",", names) + "]";
  }

  @Test
  void priceBookTickerAndAveragePriceComeFromTheTapeAndTheBook() {
    Response price = alice.publicGet("/api/v3/ticker/price", params("symbol", SYMBOL));
    Response prices =
        alice.publicGet("/api/v3/ticker/price", params("symbols", "[\"MDTUSDT\",\"BTCUSDT\"]"));
    Response book = alice.publicGet("/api/v3/ticker/bookTicker", params("symbol", SYMBOL));
    Response books = alice.publicGet("/api/v3/ticker/bookTicker", Map.of());
    Response average = alice.publicGet("/api/v3/avgPrice", params("symbol", SYMBOL));

    assertThat(price.body().path("price").asString()).isEqualTo("103.00000000");
    assertThat(prices.body().findValuesAsString("symbol")).containsExactly("MDTUSDT", "BTCUSDT");
    assertThat(fieldNames(book.body()))
        .containsExactly("symbol", "bidPrice", "bidQty", "askPrice", "askQty");
    assertThat(book.body().path("bidPrice").asString()).isEqualTo("95.00000000");
    assertThat(book.body().path("bidQty").asString()).isEqualTo("1.00000000");
    assertThat(book.body().path("askPrice").asString()).isEqualTo("110.00000000");
    assertThat(price.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("2");
    assertThat(
            Integer.parseInt(book.header("X-MBX-USED-WEIGHT-1M"))
                - Integer.parseInt(prices.header("X-MBX-USED-WEIGHT-1M")))
        .isEqualTo(2);
    assertThat(
            Integer.parseInt(books.header("X-MBX-USED-WEIGHT-1M"))
                - Integer.parseInt(book.header("X-MBX-USED-WEIGHT-1M")))
        .isEqualTo(4);
    assertThat(books.body().size()).isEqualTo(3);
    assertThat(fieldNames(average.body())).containsExactly("mins", "price", "closeTime");
    assertThat(average.body().path("mins").asInt()).isEqualTo(5);
    assertThat(average.body().path("price").asString()).isEqualTo("100.80000000");
    assertThat(average.body().path("closeTime").asLong()).isBetween(firstTradeTime, lastTradeTime);
  }

  @Test
  void recentAndHistoricalTradesListTheTapeOldestFirst() {
    Response recent = alice.publicGet("/api/v3/trades", params("symbol", SYMBOL));
    Response lastTwo = alice.publicGet("/api/v3/trades", params("symbol", SYMBOL, "limit", "2"));
    Response historical =
        alice.publicGet(
            "/api/v3/historicalTrades", params("symbol", SYMBOL, "fromId", "2", "limit", "2"));

    assertThat(recent.body().findValues("id").stream().map(JsonNode::asLong))
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    JsonNode first = recent.body().get(0);
    assertThat(fieldNames(first))
        .containsExactly("id", "price", "qty", "quoteQty", "time", "isBuyerMaker", "isBestMatch");
    assertThat(first.path("price").asString()).isEqualTo("100.00000000");
    assertThat(first.path("quoteQty").asString()).isEqualTo("100.00000000");
    assertThat(first.path("isBuyerMaker").asBoolean()).isFalse();
    assertThat(recent.body().get(1).path("isBuyerMaker").asBoolean()).isTrue();
    assertThat(recent.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("25");
    assertThat(lastTwo.body().findValues("id").stream().map(JsonNode::asLong))
        .containsExactly(4L, 5L);
    assertThat(historical.body().findValues("id").stream().map(JsonNode::asLong))
        .containsExactly(2L, 3L);
  }

  /**
   * {@code symbolStatus} (Binance, 2025-10-28) on depth, the tickers and exchangeInfo: every
   * simulated symbol is TRADING, so another status refuses one symbol with -1220 and empties a
   * list.
   */
  @Test
  void symbolStatusNarrowsTheSymbolsAsBinanceDocuments() {
    Response trading =
        alice.publicGet(
            "/api/v3/ticker/price", params("symbol", SYMBOL, "symbolStatus", "TRADING"));
    assertThat(trading.status()).as("%s", trading.body()).isEqualTo(200);
    assertThat(trading.body().path("symbol").asString()).isEqualTo(SYMBOL);
    for (String path :
        List.of("/api/v3/ticker/price", "/api/v3/ticker/24hr", "/api/v3/ticker", "/api/v3/depth")) {
      assertError(
          alice.publicGet(path, params("symbol", SYMBOL, "symbolStatus", "HALT")),
          400,
          -1220,
          "The symbol's status does not match the requested symbolStatus.");
    }
    Response halted =
        alice.publicGet(
            "/api/v3/ticker/bookTicker",
            params("symbols", "[\"" + SYMBOL + "\"]", "symbolStatus", "BREAK"));
    assertThat(halted.status()).as("%s", halted.body()).isEqualTo(200);
    assertThat(halted.body().size()).isZero();
    Response allTrading =
        alice.publicGet("/api/v3/ticker/24hr", params("symbolStatus", "TRADING", "type", "MINI"));
    assertThat(allTrading.body().findValuesAsString("symbol")).contains(SYMBOL);
    assertThat(
            alice
                .publicGet("/api/v3/exchangeInfo", params("symbolStatus", "HALT"))
                .body()
                .path("symbols")
                .size())
        .isZero();
    assertError(
        alice.publicGet(
            "/api/v3/exchangeInfo", params("symbol", SYMBOL, "symbolStatus", "TRADING")),
        400,
        -1128,
        "Combination of optional parameters invalid.");
    assertError(
        alice.publicGet("/api/v3/ticker/price", params("symbolStatus", "PAUSED")),
        400,
        -1122,
        "Invalid symbolStatus.");
  }

  /**
   * exchangeInfo's {@code permissions} and {@code showPermissionSets} as Binance documents them.
   */
  @Test
  void exchangeInfoFiltersByPermissionAndCanLeaveOutPermissionSets() {
    JsonNode spot = alice.publicGet("/api/v3/exchangeInfo", params("permissions", "SPOT")).body();
    JsonNode spotInList =
        alice
            .publicGet("/api/v3/exchangeInfo", params("permissions", "[\"MARGIN\",\"SPOT\"]"))
            .body();
    JsonNode margin =
        alice.publicGet("/api/v3/exchangeInfo", params("permissions", "[\"MARGIN\"]")).body();
    JsonNode bare =
        alice
            .publicGet(
                "/api/v3/exchangeInfo", params("symbol", SYMBOL, "showPermissionSets", "false"))
            .body();

    assertThat(spot.path("symbols").findValuesAsString("symbol")).contains(SYMBOL);
    assertThat(spotInList.path("symbols").size()).isEqualTo(spot.path("symbols").size());
    assertThat(margin.path("symbols").size()).isZero();
    assertThat(bare.path("symbols").get(0).path("permissionSets").size()).isZero();
    assertThat(spot.path("symbols").get(0).path("permissionSets").toString())
        .isEqualTo("[[\"SPOT\"]]");
    assertError(
        alice.publicGet("/api/v3/exchangeInfo", params("symbol", SYMBOL, "permissions", "SPOT")),
        400,
        -1128,
        "Combination of optional parameters invalid.");
    assertError(
        alice.publicGet("/api/v3/exchangeInfo", params("permissions", "spot;")),
        400,
        -1130,
        "Data sent for parameter 'permissions' is not valid.");
  }

  @Test
  void aggregateTradesJoinOneTakersFillsAtOnePrice() {
    Response all = alice.publicGet("/api/v3/aggTrades", params("symbol", SYMBOL));
    Response fromThird =
        alice.publicGet("/api/v3/aggTrades", params("symbol", SYMBOL, "fromId", "3"));
    Response timed =
        alice.publicGet(
            "/api/v3/aggTrades",
            params(
                "symbol",
                SYMBOL,
                "startTime",
                Long.toString(firstTradeTime),
                "endTime",
                Long.toString(lastTradeTime),
                "limit",
                "2"));

    assertThat(all.body().size()).isEqualTo(4);
    JsonNode joined = all.body().get(2);
    assertThat(fieldNames(joined)).containsExactly("a", "p", "q", "f", "l", "T", "m", "M");
    assertThat(joined.path("p").asString()).isEqualTo("99.00000000");
    assertThat(joined.path("q").asString()).isEqualTo("1.00000000");
    assertThat(joined.path("f").asLong()).isEqualTo(3);
    assertThat(joined.path("l").asLong()).isEqualTo(4);
    assertThat(joined.path("m").asBoolean()).isFalse();
    assertThat(all.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("4");
    assertThat(fromThird.body().findValues("a").stream().map(JsonNode::asLong))
        .containsExactly(3L, 4L);
    assertThat(timed.body().findValues("a").stream().map(JsonNode::asLong)).containsExactly(1L, 2L);
    // No 1-hour cap on the span since Binance's 2022-12-05 change; either bound may come alone.
    assertThat(
            ids(
                alice.publicGet(
                    "/api/v3/aggTrades",
                    params(
                        "symbol",
                        SYMBOL,
                        "startTime",
                        Long.toString(firstTradeTime - 7_200_000),
                        "endTime",
                        Long.toString(lastTradeTime + 7_200_000)))))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(
            ids(
                alice.publicGet(
                    "/api/v3/aggTrades",
                    params(
                        "symbol",
                        SYMBOL,
                        "startTime",
                        Long.toString(firstTradeTime),
                        "limit",
                        "3"))))
        .containsExactly(1L, 2L, 3L);
    assertThat(
            ids(
                alice.publicGet(
                    "/api/v3/aggTrades",
                    params(
                        "symbol", SYMBOL, "endTime", Long.toString(lastTradeTime), "limit", "2"))))
        .containsExactly(3L, 4L);
    assertThat(
            ids(
                alice.publicGet(
                    "/api/v3/aggTrades",
                    params("symbol", SYMBOL, "endTime", Long.toString(firstTradeTime - 1)))))
        .isEmpty();
    // Times in microseconds select the same trades.
    assertThat(
            ids(
                alice.publicGet(
                    "/api/v3/aggTrades",
                    params(
                        "symbol",
                        SYMBOL,
                        "startTime",
                        Long.toString(firstTradeTime * 1_000),
                        "endTime",
                        Long.toString(lastTradeTime * 1_000 + 999),
                        "limit",
                        "3"))))
        .containsExactly(1L, 2L, 3L);
    assertError(
        alice.publicGet(
            "/api/v3/aggTrades", params("symbol", SYMBOL, "fromId", "1", "startTime", "0")),
        400,
        -1128,
        "Combination of optional parameters invalid.");
  }

  private static List<Long> ids(Response aggregates) {
    assertThat(aggregates.status()).as("%s", aggregates.body()).isEqualTo(200);
    return aggregates.body().findValues("a").stream().map(JsonNode::asLong).toList();
  }

  private SigningClient client(String apiKey, String secret) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String ip =
        "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    return new SigningClient("http://localhost:" + port, apiKey, secret, ip);
  }

  private static void ok(Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
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

  private static Map<String, String> market(String side, String quantity) {
    return params("symbol", SYMBOL, "side", side, "type", "MARKET", "quantity", quantity);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  static void assertError(Response response, int status, int code, String messagePart) {
    assertThat(response.status()).as("HTTP status of %s", response.body()).isEqualTo(status);
    assertThat(response.code()).as("code of %s", response.body()).isEqualTo(code);
    assertThat(response.msg()).contains(messagePart);
  }
}
