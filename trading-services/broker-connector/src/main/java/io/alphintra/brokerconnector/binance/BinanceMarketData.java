package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.filters.VenueDecimals;
import io.alphintra.brokerconnector.marketdata.Candle;
import io.alphintra.brokerconnector.marketdata.CandleInterval;
import io.alphintra.brokerconnector.marketdata.LastPrice;
import io.alphintra.brokerconnector.marketdata.MarketDataSource;
import io.alphintra.brokerconnector.marketdata.MarketEvent;
import io.alphintra.brokerconnector.marketdata.OrderBookSnapshot;
import io.alphintra.brokerconnector.marketdata.Ticker;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@link MarketDataSource} over Binance Spot: {@code /api/v3/depth}, {@code /api/v3/ticker/price},
 * {@code /api/v3/klines}, {@code /api/v3/ticker/24hr} and combined streams.
 */
@Component
class BinanceMarketData implements MarketDataSource, DisposableBean {

  private final BinanceRestClient client;
  private final VenueDecimals decimals;
  private final ObjectMapper json;
  private final URI streamBase;
  private final HttpClient streamClient;
  private final Duration idleTimeout;
  private final ScheduledExecutorService reconnects =
      Executors.newSingleThreadScheduledExecutor(
          runnable ->
              Thread.ofPlatform().name("market-feed-reconnect").daemon().unstarted(runnable));

  BinanceMarketData(
      BinanceRestClient client,
      VenueDecimals decimals,
      ObjectMapper json,
      BrokerProperties properties,
      @Value("${alphintra.broker.market-data-idle-timeout:30s}") Duration idleTimeout) {
    this.idleTimeout =
        FeedLiveness.checked("alphintra.broker.market-data-idle-timeout", idleTimeout);
    this.client = client;
    this.decimals = decimals;
    this.json = json;
    this.streamBase = properties.streamBase();
    this.streamClient = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
  }

  @Override
  public OrderBookSnapshot orderBook(String symbol, int limit) {
    JsonNode depth =
        client.publicGet(
            "/api/v3/depth",
            Map.of("symbol", symbol, "limit", Integer.toString(limit)),
            RequestWeights.depth(limit));
    return new OrderBookSnapshot(
        symbol,
        depth.path("lastUpdateId").asLong(),
        levels(symbol, depth.path("bids")),
        levels(symbol, depth.path("asks")));
  }

  @Override
  public LastPrice lastPrice(String symbol) {
    JsonNode ticker =
        client.publicGet(
            "/api/v3/ticker/price", Map.of("symbol", symbol), RequestWeights.TICKER_PRICE);
    return new LastPrice(
        symbol, decimals.price(symbol, ticker.path("price").asString()).toPlainString());
  }

  @Override
  public List<Candle> candles(
      String symbol, String interval, int limit, Long startTime, Long endTime) {
    Map<String, String> parameters = new java.util.LinkedHashMap<>();
    parameters.put("symbol", symbol);
    parameters.put("interval", interval);
    parameters.put("limit", Integer.toString(limit));
    if (startTime != null) {
      parameters.put("startTime", Long.toString(startTime));
    }
    if (endTime != null) {
      parameters.put("endTime", Long.toString(endTime));
    }
    JsonNode rows = client.publicGet("/api/v3/klines", parameters, RequestWeights.KLINES);
    List<Candle> candles = new ArrayList<>(rows.size());
    // [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, ...]
    rows.forEach(
        row ->
            candles.add(
                new Candle(
                    symbol,
                    interval,
                    row.path(0).asLong(),
                    row.path(6).asLong(),
                    price(symbol, row.path(1).asString()),
                    price(symbol, row.path(2).asString()),
                    price(symbol, row.path(3).asString()),
                    price(symbol, row.path(4).asString()),
                    quantity(symbol, row.path(5).asString()),
                    VenueDecimals.plain(row.path(7).asString()).toPlainString(),
                    row.path(8).asLong())));
    return candles;
  }

  @Override
  public Ticker ticker(String symbol) {
    JsonNode t =
        client.publicGet(
            "/api/v3/ticker/24hr", Map.of("symbol", symbol), RequestWeights.TICKER_24HR_ONE_SYMBOL);
    return new Ticker(
        symbol,
        price(symbol, t.path("lastPrice").asString()),
        price(symbol, t.path("openPrice").asString()),
        price(symbol, t.path("highPrice").asString()),
        price(symbol, t.path("lowPrice").asString()),
        price(symbol, t.path("priceChange").asString()),
        VenueDecimals.plain(t.path("priceChangePercent").asString()).toPlainString(),
        VenueDecimals.plain(t.path("weightedAvgPrice").asString()).toPlainString(),
        quantity(symbol, t.path("volume").asString()),
        VenueDecimals.plain(t.path("quoteVolume").asString()).toPlainString(),
        price(symbol, t.path("bidPrice").asString("0")),
        quantity(symbol, t.path("bidQty").asString("0")),
        price(symbol, t.path("askPrice").asString("0")),
        quantity(symbol, t.path("askQty").asString("0")),
        t.path("count").asLong(),
        t.path("openTime").asLong(),
        t.path("closeTime").asLong());
  }

  @Override
  public UpstreamFeed open(String symbol, UpstreamListener listener) {
    String lower = symbol.toLowerCase(java.util.Locale.ROOT);
    URI uri =
        URI.create(
            streamBase
                + "/stream?streams="
                + lower
                + "@trade/"
                + lower
                + "@depth@100ms/"
                + lower
                + "@kline_"
                + CandleInterval.STREAMED);
    BinanceStreamFeed feed =
        new BinanceStreamFeed(
            streamClient, uri, json, listener, reconnects, this, new FeedLiveness(idleTimeout));
    feed.connect();
    return feed;
  }

  @Override
  public void destroy() {
    reconnects.shutdownNow();
  }

  List<OrderBookSnapshot.PriceLevel> levels(String symbol, JsonNode levels) {
    List<OrderBookSnapshot.PriceLevel> out = new ArrayList<>(levels.size());
    levels.forEach(
        level ->
            out.add(
                new OrderBookSnapshot.PriceLevel(
                    decimals.price(symbol, level.path(0).asString()).toPlainString(),
                    decimals.quantity(symbol, level.path(1).asString()).toPlainString())));
    return out;
  }

  /** A {@code kline} stream event ({@code data} of the combined stream) as a candle event. */
  MarketEvent.Candle candle(JsonNode data, long receivedAtMicros) {
    String symbol = data.path("s").asString();
    JsonNode k = data.path("k");
    return new MarketEvent.Candle(
        symbol,
        k.path("i").asString(),
        k.path("t").asLong(),
        k.path("T").asLong(),
        price(symbol, k.path("o").asString()),
        price(symbol, k.path("h").asString()),
        price(symbol, k.path("l").asString()),
        price(symbol, k.path("c").asString()),
        quantity(symbol, k.path("v").asString()),
        VenueDecimals.plain(k.path("q").asString()).toPlainString(),
        k.path("n").asLong(),
        k.path("x").asBoolean(),
        receivedAtMicros);
  }

  String price(String symbol, String text) {
    return decimals.price(symbol, text).toPlainString();
  }

  String quantity(String symbol, String text) {
    return decimals.quantity(symbol, text).toPlainString();
  }
}
