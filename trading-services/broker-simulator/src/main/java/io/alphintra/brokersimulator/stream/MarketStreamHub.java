package io.alphintra.brokersimulator.stream;

import io.alphintra.brokersimulator.engine.MarketEventListener;
import io.alphintra.brokersimulator.engine.Side;
import io.alphintra.brokersimulator.engine.Trade;
import io.alphintra.brokersimulator.fault.FaultInjector;
import io.alphintra.brokersimulator.market.SymbolSpec;
import java.io.IOException;
import java.util.ArrayList;
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
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns engine events into Binance-shaped {@code trade} and {@code depthUpdate} messages and fans
 * them out to subscribers.
 *
 * <p>Engine callbacks run while the symbol's writer holds its lock, so they only enqueue; one
 * publisher thread formats and sends, which also keeps every subscriber's messages in order.
 */
public final class MarketStreamHub implements MarketEventListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MarketStreamHub.class);

  private final Map<String, SymbolSpec> specs;
  private final FaultInjector faults;
  private final ObjectMapper json;
  private final LongSupplier clock;
  private final Map<String, DepthDiff> depth1000ms = new ConcurrentHashMap<>();
  private final Map<String, DepthDiff> depth100ms = new ConcurrentHashMap<>();
  private final Map<StreamName, Set<StreamSubscriber>> subscribers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService publisher =
      Executors.newSingleThreadScheduledExecutor(
          runnable ->
              Thread.ofPlatform().name("market-stream-publisher").daemon().unstarted(runnable));

  public MarketStreamHub(
      List<SymbolSpec> specs, FaultInjector faults, ObjectMapper json, LongSupplier clock) {
    this.specs = new LinkedHashMap<>();
    specs.forEach(spec -> this.specs.put(spec.symbol(), spec));
    this.faults = faults;
    this.json = json;
    this.clock = clock;
    for (String symbol : this.specs.keySet()) {
      depth1000ms.put(symbol, new DepthDiff());
      depth100ms.put(symbol, new DepthDiff());
    }
    publisher.scheduleAtFixedRate(
        () -> flushDepth(StreamName.Kind.DEPTH_100MS, depth100ms), 100, 100, TimeUnit.MILLISECONDS);
    publisher.scheduleAtFixedRate(
        () -> flushDepth(StreamName.Kind.DEPTH, depth1000ms), 1000, 1000, TimeUnit.MILLISECONDS);
  }

  public boolean lists(String symbol) {
    return specs.containsKey(symbol);
  }

  void subscribe(StreamSubscriber subscriber, StreamName stream) {
    subscribers.computeIfAbsent(stream, name -> new CopyOnWriteArraySet<>()).add(subscriber);
  }

  void unsubscribe(StreamSubscriber subscriber, StreamName stream) {
    Set<StreamSubscriber> set = subscribers.get(stream);
    if (set != null) {
      set.remove(subscriber);
    }
  }

  void unsubscribe(StreamSubscriber subscriber) {
    subscribers.values().forEach(set -> set.remove(subscriber));
  }

  @Override
  public void onTrade(Trade trade) {
    StreamName stream = StreamName.of(trade.symbol(), StreamName.Kind.TRADE);
    if (!subscribers.getOrDefault(stream, Set.of()).isEmpty()) {
      publisher.execute(() -> publish(stream, tradeEvent(trade)));
    }
  }

  @Override
  public void onLevelChanged(
      String symbol, Side side, long priceTicks, long totalLots, long updateId) {
    depth1000ms.get(symbol).record(side, priceTicks, totalLots, updateId);
    depth100ms.get(symbol).record(side, priceTicks, totalLots, updateId);
  }

  private Map<String, Object> tradeEvent(Trade trade) {
    SymbolSpec spec = specs.get(trade.symbol());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "trade");
    event.put("E", clock.getAsLong());
    event.put("s", trade.symbol());
    event.put("t", trade.tradeId());
    event.put("p", spec.price(trade.priceTicks()).toPlainString());
    event.put("q", spec.quantity(trade.quantityLots()).toPlainString());
    event.put("T", trade.timeMillis());
    event.put("m", trade.buyerIsMaker());
    event.put("M", true);
    return event;
  }

  private void flushDepth(StreamName.Kind kind, Map<String, DepthDiff> diffs) {
    try {
      diffs.forEach(
          (symbol, diff) -> {
            DepthDiff.Batch batch = diff.drain();
            StreamName stream = StreamName.of(symbol, kind);
            if (batch != null && !subscribers.getOrDefault(stream, Set.of()).isEmpty()) {
              publish(stream, depthEvent(specs.get(symbol), batch));
            }
          });
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; keep the stream alive.
      log.warn("Publishing {} depth diffs failed", kind, e);
    }
  }

  private Map<String, Object> depthEvent(SymbolSpec spec, DepthDiff.Batch batch) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "depthUpdate");
    event.put("E", clock.getAsLong());
    event.put("s", spec.symbol());
    event.put("U", batch.firstUpdateId());
    event.put("u", batch.lastUpdateId());
    event.put("b", levels(spec, batch.bids()));
    event.put("a", levels(spec, batch.asks()));
    return event;
  }

  private static List<List<String>> levels(SymbolSpec spec, Map<Long, Long> levels) {
    List<List<String>> out = new ArrayList<>(levels.size());
    levels.forEach(
        (price, lots) ->
            out.add(
                List.of(spec.price(price).toPlainString(), spec.quantity(lots).toPlainString())));
    return out;
  }

  private void publish(StreamName stream, Map<String, Object> payload) {
    Set<StreamSubscriber> targets = subscribers.getOrDefault(stream, Set.of());
    if (targets.isEmpty()) {
      return;
    }
    try {
      String raw = json.writeValueAsString(payload);
      String combined =
          json.writeValueAsString(Map.of("stream", stream.toString(), "data", payload));
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
      unsubscribe(subscriber);
      return;
    }
    try {
      session.sendMessage(new TextMessage(text));
    } catch (IOException | RuntimeException e) {
      // A slow or dead subscriber must not hold up the others.
      log.debug("Dropping stream subscriber {}: {}", session.getId(), e.toString());
      unsubscribe(subscriber);
      try {
        session.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }

  @Override
  public void close() {
    publisher.shutdownNow();
  }
}
