package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.marketdata.MarketDataSource;
import io.alphintra.brokerconnector.marketdata.MarketEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One Binance combined stream ({@code <symbol>@trade} + {@code <symbol>@depth@100ms}) that
 * reconnects with capped exponential backoff and tells its listener about every (re)connection, so
 * subscribers can be told about the gap. The stream names are in the URL, so reconnecting is
 * resubscribing.
 */
final class BinanceStreamFeed extends ReconnectingSocket implements MarketDataSource.UpstreamFeed {

  private final ObjectMapper json;
  private final MarketDataSource.UpstreamListener listener;
  private final BinanceMarketData decimals;
  private volatile boolean everConnected;

  BinanceStreamFeed(
      HttpClient client,
      URI uri,
      ObjectMapper json,
      MarketDataSource.UpstreamListener listener,
      ScheduledExecutorService reconnects,
      BinanceMarketData decimals) {
    super(client, uri, reconnects);
    this.decimals = decimals;
    this.json = json;
    this.listener = listener;
  }

  @Override
  void opened(WebSocket webSocket) {
    resetBackoff();
    boolean reconnect = everConnected;
    everConnected = true;
    listener.onConnected(reconnect);
  }

  @Override
  void message(WebSocket webSocket, String text) {
    long receivedAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    try {
      MarketEvent event = toEvent(json.readTree(text).path("data"), receivedAt);
      if (event != null) {
        listener.onEvent(event);
      }
    } catch (RuntimeException e) {
      // One malformed message must not kill the feed.
    }
  }

  @Override
  void lostUnderLock(WebSocket webSocket) {}

  @Override
  void lost(String reason) {
    listener.onDisconnected(reason);
  }

  @Override
  public void close() {
    closeSocket("unsubscribed");
  }

  private MarketEvent toEvent(JsonNode data, long receivedAt) {
    String symbol = data.path("s").asString();
    return switch (data.path("e").asString()) {
      case "trade" ->
          new MarketEvent.Trade(
              symbol,
              data.path("t").asLong(),
              decimals.price(symbol, data.path("p").asString()),
              decimals.quantity(symbol, data.path("q").asString()),
              data.path("T").asLong(),
              data.path("m").asBoolean(),
              receivedAt);
      case "depthUpdate" ->
          new MarketEvent.BookUpdate(
              symbol,
              data.path("U").asLong(),
              data.path("u").asLong(),
              decimals.levels(symbol, data.path("b")),
              decimals.levels(symbol, data.path("a")),
              data.path("E").asLong(),
              receivedAt);
      default -> null;
    };
  }
}
