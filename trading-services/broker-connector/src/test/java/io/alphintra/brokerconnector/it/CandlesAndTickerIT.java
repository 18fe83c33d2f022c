package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Candles and tickers for strategies: {@code GET /api/v1/market-data/{symbol}/candles} and {@code
 * /ticker} read the venue's klines and 24-hour ticker and answer them normalized (the symbol's
 * scales, decimal strings), over the real simulator.
 */
class CandlesAndTickerIT {

  private static final String SYMBOL = "SIMUSDT";

  private static SimulatedVenue venue;
  private static RunningConnector connector;

  @BeforeAll
  static void start() {
    venue = SimulatedVenue.start();
    connector = RunningConnector.start(venue, SYMBOL);
    VenueTrader maker = venue.maker();
    VenueTrader taker = venue.connectorAccount();
    // SIMUSDT has no simulated flow: these three trades are all it ever traded.
    assertThat(maker.limit(SYMBOL, "SELL", "GTC", "101.50", "2").status()).isEqualTo(200);
    assertThat(maker.limit(SYMBOL, "SELL", "GTC", "102.00", "1").status()).isEqualTo(200);
    assertThat(taker.limit(SYMBOL, "BUY", "IOC", "101.50", "1").status()).isEqualTo(200);
    assertThat(taker.limit(SYMBOL, "BUY", "IOC", "101.50", "1").status()).isEqualTo(200);
    assertThat(taker.limit(SYMBOL, "BUY", "IOC", "102.00", "1").status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    connector.close();
    venue.close();
  }

  @Test
  void candlesCarryTheVenuesTradesWithTheSymbolsScales() {
    RunningConnector.Reply reply =
        connector.get("/api/v1/market-data/" + SYMBOL.toLowerCase() + "/candles?interval=1m");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    List<JsonNode> traded =
        reply.body().valueStream().filter(candle -> candle.path("trades").asLong() > 0).toList();
    assertThat(traded).isNotEmpty();
    assertThat(traded.stream().mapToLong(c -> c.path("trades").asLong()).sum()).isEqualTo(3);
    assertThat(
            traded.stream()
                .map(c -> new BigDecimal(c.path("volume").asString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("3");
    assertThat(
            traded.stream()
                .map(c -> new BigDecimal(c.path("quoteVolume").asString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("305.00");
    JsonNode first = traded.getFirst();
    JsonNode last = traded.getLast();
    assertThat(first.path("symbol").asString()).isEqualTo(SYMBOL);
    assertThat(first.path("interval").asString()).isEqualTo("1m");
    assertThat(first.path("open").asString()).isEqualTo("101.50");
    assertThat(last.path("close").asString()).isEqualTo("102.00");
    assertThat(traded)
        .allSatisfy(c -> assertThat(c.path("volume").asString()).matches("\\d+\\.\\d{3}"));
    assertThat(traded)
        .allSatisfy(c -> assertThat(c.path("high").asString()).matches("\\d+\\.\\d{2}"));
    assertThat(first.path("closeTime").asLong() - first.path("openTime").asLong())
        .isEqualTo(59_999);
  }

  @Test
  void candlesAreTheVenuesKlinesNormalized() {
    JsonNode venueKlines =
        venue.maker().publicGet("/api/v3/klines?symbol=" + SYMBOL + "&interval=1h", true).body();
    JsonNode candles =
        connector.get("/api/v1/market-data/" + SYMBOL + "/candles?interval=1h&limit=1000").body();

    assertThat(candles.size()).isEqualTo(venueKlines.size());
    for (int i = 0; i < candles.size(); i++) {
      JsonNode candle = candles.get(i);
      JsonNode kline = venueKlines.get(i);
      assertThat(candle.path("openTime").asLong()).isEqualTo(kline.get(0).asLong());
      assertThat(new BigDecimal(candle.path("high").asString()))
          .isEqualByComparingTo(kline.get(2).asString());
      assertThat(new BigDecimal(candle.path("low").asString()))
          .isEqualByComparingTo(kline.get(3).asString());
      assertThat(candle.path("trades").asLong()).isEqualTo(kline.get(8).asLong());
    }
  }

  @Test
  void aLimitedReadReturnsTheNewestCandles() {
    JsonNode all =
        connector.get("/api/v1/market-data/" + SYMBOL + "/candles?interval=1s&limit=1000").body();
    JsonNode newest =
        connector.get("/api/v1/market-data/" + SYMBOL + "/candles?interval=1s&limit=1").body();

    assertThat(newest.size()).isEqualTo(1);
    assertThat(newest.get(0).path("openTime").asLong())
        .isGreaterThanOrEqualTo(all.get(all.size() - 1).path("openTime").asLong());
  }

  @Test
  void theTickerCarriesTheDaysTradesWithTheSymbolsScales() {
    RunningConnector.Reply reply = connector.get("/api/v1/market-data/" + SYMBOL + "/ticker");

    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    JsonNode ticker = reply.body();
    assertThat(ticker.path("symbol").asString()).isEqualTo(SYMBOL);
    assertThat(ticker.path("openPrice").asString()).isEqualTo("101.50");
    assertThat(ticker.path("highPrice").asString()).isEqualTo("102.00");
    assertThat(ticker.path("lowPrice").asString()).isEqualTo("101.50");
    assertThat(ticker.path("lastPrice").asString()).isEqualTo("102.00");
    assertThat(ticker.path("priceChange").asString()).isEqualTo("0.50");
    assertThat(ticker.path("volume").asString()).isEqualTo("3.000");
    assertThat(new BigDecimal(ticker.path("quoteVolume").asString()))
        .isEqualByComparingTo("305.00");
    assertThat(ticker.path("trades").asLong()).isEqualTo(3);
    assertThat(ticker.path("askPrice").asString()).matches("\\d+\\.\\d{2}");
    assertThat(ticker.path("bidQuantity").asString()).matches("\\d+\\.\\d{3}");
  }

  @Test
  void anUnknownIntervalOrALimitOutOfRangeIsRefusedNamingTheField() {
    RunningConnector.Reply interval =
        connector.get("/api/v1/market-data/" + SYMBOL + "/candles?interval=7m");
    RunningConnector.Reply limit =
        connector.get("/api/v1/market-data/" + SYMBOL + "/candles?interval=1m&limit=1001");

    assertThat(interval.status()).isEqualTo(400);
    assertThat(interval.body().path("detail").asString()).contains("interval=7m", "1m", "1d");
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.body().path("detail").asString()).contains("limit", "1000", "1001");
  }
}
