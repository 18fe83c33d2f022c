package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.Side;
import io.alphintra.brokersimulator.engine.Trade;
import io.alphintra.brokersimulator.fault.FaultInjector;
import io.alphintra.brokersimulator.market.SymbolSpec;
import io.alphintra.brokersimulator.marketdata.AggregateTrade;
import io.alphintra.brokersimulator.marketdata.AveragePrice;
import io.alphintra.brokersimulator.marketdata.Kline;
import io.alphintra.brokersimulator.marketdata.KlineInterval;
import io.alphintra.brokersimulator.marketdata.MarketData;
import io.alphintra.brokersimulator.marketdata.WindowStatistics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns engine events into Binance's market stream payloads and fans them out to subscribers.
 *
 * <p>Engine callbacks run while the symbol's writer holds its lock, so they only record and
 * enqueue; one publisher thread formats and sends, which keeps every subscriber's messages in
 * order. Real-time streams (trade, aggTrade, bookTicker) are sent as events happen; depth, kline,
 * ticker and avgPrice streams on their documented schedules.
 */
public final class MarketStreamHub implements MarketEventListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MarketStreamHub.class);
  private static final long DAY = 86_400_000L;
  private static final byte[] PING_PAYLOAD = "ping".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, SymbolSpec> specs = new LinkedHashMap<>();
  private final FaultInjector faults;
  private final ObjectMapper json;
  private final LongSupplier clock;
  private final MarketData marketData;
  private final Map<String, DepthDiff> depth1000ms = new HashMap<>();
  private final Map<String, DepthDiff> depth100ms = new HashMap<>();
  private final Map<String, BookMirror> books = new HashMap<>();
  // The newest aggregate trade id pushed per symbol; touched only under its symbol's writer lock.
  private final Map<String, Long> lastAggregateId = new HashMap<>();
  private final Map<StreamName, Set<StreamSubscriber>> subscribers = new ConcurrentHashMap<>();
  private final Set<StreamSubscriber> connections = ConcurrentHashMap.newKeySet();
  private final Map<StreamName, Long> lastKlineOpen = new ConcurrentHashMap<>();
  // Publisher-thread state.
  // Last trade id pushed per symbol (mini tickers) or per stream and symbol (window tickers).
  private final Map<String, Long> lastMiniTickerTradeId = new HashMap<>();
  private long secondTicks;
  private final ScheduledExecutorService publisher =
      Executors.newSingleThreadScheduledExecutor(
          runnable ->
              Thread.ofPlatform().name("market-stream-publisher").daemon().unstarted(runnable));

  public MarketStreamHub(
      List<SymbolSpec> specs,
      MarketData marketData,
      FaultInjector faults,
      ObjectMapper json,
      LongSupplier clock) {
    specs.forEach(spec -> this.specs.put(spec.symbol(), spec));
    this.marketData = marketData;
    this.faults = faults;
    this.json = json;
    this.clock = clock;
    for (String symbol : this.specs.keySet()) {
      depth1000ms.put(symbol, new DepthDiff());
      depth100ms.put(symbol, new DepthDiff());
      books.put(symbol, new BookMirror());
      lastAggregateId.put(symbol, 0L);
    }
    publisher.scheduleAtFixedRate(() -> guarded(this::every100ms), 100, 100, TimeUnit.MILLISECONDS);
    publisher.scheduleAtFixedRate(
        () -> guarded(this::everySecond), 1000, 1000, TimeUnit.MILLISECONDS);
  }

  public boolean lists(String symbol) {
    return specs.containsKey(symbol);
  }

  /**
   * Pings every connection at this interval, closing those that answered no ping for {@code
   * pongTimeoutMillis}.
   */
  void startPings(long intervalMillis, long pongTimeoutMillis) {
    publisher.scheduleAtFixedRate(
        () -> guarded(() -> pingAll(pongTimeoutMillis)),
        intervalMillis,
        intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  void connect(StreamSubscriber subscriber) {
    connections.add(subscriber);
  }

  void subscribe(StreamSubscriber subscriber, StreamName stream) {
    if (stream.kind() == StreamName.Kind.KLINE) {
      // From now on the candle in progress is pushed once more, closed, when its interval ends.
      lastKlineOpen.put(stream, stream.interval().openTime(clock.getAsLong(), ZoneOffset.UTC));
    }
    if (subscriber.add(stream)) {
      subscribers.computeIfAbsent(stream, name -> new CopyOnWriteArraySet<>()).add(subscriber);
    }
  }

  void unsubscribe(StreamSubscriber subscriber, StreamName stream) {
    subscriber.remove(stream);
    Set<StreamSubscriber> set = subscribers.get(stream);
    if (set != null) {
      set.remove(subscriber);
    }
  }

  void disconnect(StreamSubscriber subscriber) {
    connections.remove(subscriber);
    subscriber.streams().forEach(stream -> unsubscribe(subscriber, stream));
  }

  @Override
  public void onTrade(Trade trade) {
    publisher.execute(
        () -> {
          StreamName stream = StreamName.of(trade.symbol(), StreamName.Kind.TRADE);
          if (subscribed(stream)) {
            publish(
                stream, StreamPayloads.trade(specs.get(trade.symbol()), trade, clock.getAsLong()));
          }
        });
  }

  @Override
  public void onMatchEnded(String symbol) {
    // The taker's aggregates are complete now; marketdata built them from the same trades.
    List<AggregateTrade> fresh =
        marketData.aggregateTradesFrom(symbol, lastAggregateId.get(symbol) + 1, Integer.MAX_VALUE);
    if (fresh.isEmpty()) {
      return;
    }
    lastAggregateId.put(symbol, fresh.getLast().id());
    StreamName stream = StreamName.of(symbol, StreamName.Kind.AGG_TRADE);
    if (subscribed(stream)) {
      SymbolSpec spec = specs.get(symbol);
      publisher.execute(
          () ->
              fresh.forEach(
                  aggregate ->
                      publish(
                          stream, StreamPayloads.aggTrade(spec, aggregate, clock.getAsLong()))));
    }
  }

  @Override
  public void onLevelChanged(
      String symbol, Side side, long priceTicks, long totalLots, long updateId) {
    depth1000ms.get(symbol).record(side, priceTicks, totalLots, updateId);
    depth100ms.get(symbol).record(side, priceTicks, totalLots, updateId);
    BookMirror.Top top = books.get(symbol).apply(side, priceTicks, totalLots, updateId);
    StreamName stream = StreamName.of(symbol, StreamName.Kind.BOOK_TICKER);
    if (top != null && subscribed(stream)) {
      publisher.execute(() -> publish(stream, StreamPayloads.bookTicker(specs.get(symbol), top)));
    }
  }

  private void every100ms() {
    flushDepthDiffs(100, depth100ms);
    publishPartialDepth(100);
  }

  private void everySecond() {
    secondTicks++;
    long now = clock.getAsLong();
    flushDepthDiffs(1000, depth1000ms);
    publishPartialDepth(1000);
    List<Map<String, Object>> changedMiniTickers = new ArrayList<>();
    for (String symbol : specs.keySet()) {
      SymbolSpec spec = specs.get(symbol);
      if (marketData.lastTrade(symbol) == null) {
        continue; // Nothing to report before the first trade.
      }
      WindowStatistics window = marketData.window(symbol, now - DAY, now);
      Map<String, Object> mini = StreamPayloads.miniTicker(spec, window, now);
      publishIfSubscribed(StreamName.of(symbol, StreamName.Kind.MINI_TICKER), mini);
      StreamName ticker = StreamName.of(symbol, StreamName.Kind.TICKER);
      if (subscribed(ticker)) {
        publish(ticker, StreamPayloads.ticker(spec, window, books.get(symbol).top(), now));
      }
      Long seen = lastMiniTickerTradeId.put(symbol, window.lastTradeId());
      if (seen == null || seen != window.lastTradeId()) {
        changedMiniTickers.add(mini);
      }
      StreamName average = StreamName.of(symbol, StreamName.Kind.AVG_PRICE);
      if (subscribed(average)) {
        publish(
            average,
            StreamPayloads.avgPrice(
                spec, marketData.averagePrice(symbol, AveragePrice.BINANCE_MINUTES, now), now));
      }
    }
    StreamName allMini = new StreamName(null, StreamName.Kind.ALL_MINI_TICKERS, 0, 1000, null);
    if (!changedMiniTickers.isEmpty()) {
      publishIfSubscribed(allMini, changedMiniTickers);
    }
    publishRollingTickers(now);
    subscribers.forEach(
        (stream, set) -> {
          if (stream.kind() == StreamName.Kind.KLINE && !set.isEmpty()) {
            boolean due = stream.interval() == KlineInterval.SECOND_1 || secondTicks % 2 == 0;
            publishKline(stream, now, due);
          }
        });
  }

  /**
   * {@code <symbol>@ticker_<window>} every second, {@code !ticker_<window>@arr} with the symbols
   * that traded since its last push.
   */
  private void publishRollingTickers(long now) {
    subscribers.forEach(
        (stream, set) -> {
          if (set.isEmpty()) {
            return;
          }
          long window =
              stream.kind() == StreamName.Kind.ROLLING_TICKER
                      || stream.kind() == StreamName.Kind.ALL_ROLLING_TICKERS
                  ? stream.interval().maxMillis()
                  : 0;
          if (stream.kind() == StreamName.Kind.ROLLING_TICKER) {
            if (marketData.lastTrade(stream.symbol()) != null) {
              WindowStatistics rolling = marketData.rollingWindow(stream.symbol(), window, now);
              publish(
                  stream,
                  StreamPayloads.rollingTicker(
                      specs.get(stream.symbol()), stream.interval(), rolling, now));
            }
          } else if (stream.kind() == StreamName.Kind.ALL_ROLLING_TICKERS) {
            List<Map<String, Object>> changed = new ArrayList<>();
            for (SymbolSpec spec : specs.values()) {
              if (marketData.lastTrade(spec.symbol()) == null) {
                continue;
              }
              WindowStatistics rolling = marketData.rollingWindow(spec.symbol(), window, now);
              Long seen =
                  lastMiniTickerTradeId.put(stream + "/" + spec.symbol(), rolling.lastTradeId());
              if (seen == null || seen != rolling.lastTradeId()) {
                changed.add(StreamPayloads.rollingTicker(spec, stream.interval(), rolling, now));
              }
            }
            if (!changed.isEmpty()) {
              publish(stream, changed);
            }
          }
        });
  }

  /** Pushes the open candle when due, and once more with {@code x=true} when it has closed. */
  private void publishKline(StreamName stream, long now, boolean due) {
    SymbolSpec spec = specs.get(stream.symbol());
    KlineInterval interval = stream.interval();
    long open = interval.openTime(now, ZoneOffset.UTC);
    Long previousOpen = lastKlineOpen.put(stream, open);
    if (previousOpen != null && previousOpen < open) {
      Kline closed = marketData.kline(stream.symbol(), interval, previousOpen);
      if (closed != null) {
        publish(stream, StreamPayloads.kline(spec, interval, closed, true, now));
      }
      due = true;
    }
    Kline current = due ? marketData.kline(stream.symbol(), interval, now) : null;
    if (current != null) {
      publish(stream, StreamPayloads.kline(spec, interval, current, false, now));
    }
  }

  private void flushDepthDiffs(int speedMillis, Map<String, DepthDiff> diffs) {
    long now = clock.getAsLong();
    diffs.forEach(
        (symbol, diff) -> {
          DepthDiff.Batch batch = diff.drain();
          StreamName stream =
              new StreamName(symbol, StreamName.Kind.DIFF_DEPTH, 0, speedMillis, null);
          if (batch != null && subscribed(stream)) {
            publish(stream, StreamPayloads.depthUpdate(specs.get(symbol), batch, now));
          }
        });
  }

  private void publishPartialDepth(int speedMillis) {
    subscribers.forEach(
        (stream, set) -> {
          if (stream.kind() == StreamName.Kind.PARTIAL_DEPTH
              && stream.speedMillis() == speedMillis
              && !set.isEmpty()) {
            publish(
                stream,
                StreamPayloads.partialDepth(
                    specs.get(stream.symbol()), books.get(stream.symbol()).depth(stream.levels())));
          }
        });
  }

  private void pingAll(long pongTimeoutMillis) {
    long now = clock.getAsLong();
    for (StreamSubscriber subscriber : connections) {
      if (now - subscriber.lastPongMillis() > pongTimeoutMillis) {
        drop(subscriber, new IOException("no pong for " + pongTimeoutMillis + " ms"));
        continue;
      }
      try {
        subscriber.session().sendMessage(new PingMessage(ByteBuffer.wrap(PING_PAYLOAD)));
      } catch (IOException | RuntimeException e) {
        drop(subscriber, e);
      }
    }
  }

  private boolean subscribed(StreamName stream) {
    Set<StreamSubscriber> set = subscribers.get(stream);
    return set != null && !set.isEmpty();
  }

  private void publishIfSubscribed(StreamName stream, Object payload) {
    if (subscribed(stream)) {
      publish(stream, payload);
    }
  }

  private void publish(StreamName stream, Object payload) {
    Set<StreamSubscriber> targets = subscribers.getOrDefault(stream, Set.of());
    if (targets.isEmpty()) {
      return;
    }
    try {
      String raw = json.writeValueAsString(payload);
      Map<String, Object> wrapped = new LinkedHashMap<>();
      wrapped.put("stream", stream.toString());
      wrapped.put("data", payload);
      String combined = json.writeValueAsString(wrapped);
      for (StreamSubscriber subscriber : targets) {
        if (!faults.dropStreamMessage()) {
          send(subscriber, subscriber.combined() ? combined : raw);
        }
      }
    } catch (JacksonException e) {
      log.warn("Cannot serialize {} event", stream, e);
    }
  }

  private void send(StreamSubscriber subscriber, String text) {
    WebSocketSession session = subscriber.session();
    if (!session.isOpen()) {
      disconnect(subscriber);
      return;
    }
    try {
      session.sendMessage(new TextMessage(text));
    } catch (IOException | RuntimeException e) {
      drop(subscriber, e);
    }
  }

  /** A slow or dead subscriber must not hold up the others. */
  private void drop(StreamSubscriber subscriber, Exception cause) {
    log.debug("Dropping stream subscriber {}: {}", subscriber.session().getId(), cause.toString());
    disconnect(subscriber);
    try {
      subscriber.session().close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** A scheduled task that throws is never run again; keep the streams alive. */
  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn("Publishing market streams failed", e);
    }
  }

  /**
   * Tells every connection the server is going away ({@code serverShutdown}, wrapped as stream
   * {@code !serverShutdown} on combined connections) and closes it with 1001.
   */
  void announceShutdown() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "serverShutdown");
    event.put("E", clock.getAsLong());
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("stream", "!serverShutdown");
    wrapped.put("data", event);
    for (StreamSubscriber subscriber : connections) {
      try {
        subscriber
            .session()
            .sendMessage(
                new TextMessage(json.writeValueAsString(subscriber.combined() ? wrapped : event)));
        subscriber.session().close(CloseStatus.GOING_AWAY);
      } catch (IOException | RuntimeException e) {
        log.debug(
            "Connection {} gone before shutdown: {}", subscriber.session().getId(), e.toString());
      }
      disconnect(subscriber);
    }
  }

  @Override
  public void close() {
    publisher.shutdownNow();
  }
}
