package io.alphintra.brokerconnector.marketdata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Fans the venue's market data out to any number of subscribers from exactly one upstream feed per
 * symbol: opened with the first subscriber, closed with the last. Each event is serialized once.
 * After an upstream reconnect, or when book update ids skip, every subscriber of the symbol gets a
 * {@code gap} event so it knows to re-fetch the book snapshot.
 */
@Component
public class MarketDataHub implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(MarketDataHub.class);

  private final MarketDataSource source;
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final Map<String, SymbolChannel> channels = new ConcurrentHashMap<>();
  private final AtomicInteger subscriberCount = new AtomicInteger();

  public MarketDataHub(MarketDataSource source, ObjectMapper json, MeterRegistry meters) {
    this.source = source;
    this.json = json;
    this.meters = meters;
    Gauge.builder("broker.marketdata.subscribers", subscriberCount, AtomicInteger::get)
        .description("Downstream market-data subscriptions")
        .register(meters);
    Gauge.builder("broker.marketdata.upstreams", channels, Map::size)
        .description("Upstream venue feeds (one per subscribed symbol)")
        .register(meters);
  }

  public void subscribe(String symbol, MarketDataSubscriber subscriber) {
    SymbolChannel channel = channels.computeIfAbsent(symbol, SymbolChannel::new);
    boolean connected;
    synchronized (channel) {
      channel.subscribers.add(subscriber);
      subscriberCount.incrementAndGet();
      if (channel.feed == null) {
        channel.feed = source.open(symbol, channel);
      }
      connected = channel.feed.connected();
    }
    send(subscriber, new MarketEvent.Subscribed(symbol, connected), channel);
  }

  public void unsubscribe(String symbol, MarketDataSubscriber subscriber) {
    SymbolChannel channel = channels.get(symbol);
    if (channel == null) {
      return;
    }
    synchronized (channel) {
      if (channel.subscribers.remove(subscriber)) {
        subscriberCount.decrementAndGet();
      }
      if (channel.subscribers.isEmpty() && channel.feed != null) {
        channel.feed.close();
        channel.feed = null;
        channels.remove(symbol, channel);
      }
    }
  }

  /** Number of upstream feeds now open; one per symbol with subscribers. */
  public int upstreamCount() {
    return channels.size();
  }

  /**
   * Forces the symbol's upstream connection down (it reconnects): for operations drills and tests.
   */
  public boolean interruptUpstream(String symbol) {
    SymbolChannel channel = channels.get(symbol);
    MarketDataSource.UpstreamFeed feed = channel == null ? null : channel.feed;
    if (feed == null) {
      return false;
    }
    feed.interrupt();
    return true;
  }

  @Override
  public void destroy() {
    channels
        .values()
        .forEach(
            channel -> {
              synchronized (channel) {
                if (channel.feed != null) {
                  channel.feed.close();
                }
              }
            });
    channels.clear();
  }

  private void send(MarketDataSubscriber subscriber, MarketEvent event, SymbolChannel channel) {
    String text = serialize(event);
    if (text != null && !subscriber.deliver(text)) {
      unsubscribe(channel.symbol, subscriber);
    }
  }

  private String serialize(MarketEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JacksonException e) {
      log.warn("Cannot serialize {} event", event.type(), e);
      return null;
    }
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /** One symbol: its subscribers, its upstream feed and the book sequence seen so far. */
  private final class SymbolChannel implements MarketDataSource.UpstreamListener {
    private final String symbol;
    private final Set<MarketDataSubscriber> subscribers = new CopyOnWriteArraySet<>();
    private final Counter reconnectGaps;
    private final Counter sequenceGaps;
    private MarketDataSource.UpstreamFeed feed;
    private long lastUpdateId = -1;

    SymbolChannel(String symbol) {
      this.symbol = symbol;
      this.reconnectGaps = gapCounter(symbol, "UPSTREAM_RECONNECTED");
      this.sequenceGaps = gapCounter(symbol, "SEQUENCE");
    }

    private Counter gapCounter(String name, String reason) {
      return Counter.builder("broker.marketdata.gaps")
          .description("Gap signals sent to subscribers")
          .tag("symbol", name)
          .tag("reason", reason)
          .register(meters);
    }

    @Override
    public void onEvent(MarketEvent event) {
      if (event instanceof MarketEvent.BookUpdate book) {
        if (lastUpdateId >= 0 && book.firstUpdateId() > lastUpdateId + 1) {
          sequenceGaps.increment();
          publish(
              new MarketEvent.Gap(
                  symbol,
                  "SEQUENCE",
                  "book update ids "
                      + (lastUpdateId + 1)
                      + ".."
                      + (book.firstUpdateId() - 1)
                      + " were not received; re-fetch the order book snapshot",
                  nowMicros()));
        }
        lastUpdateId = Math.max(lastUpdateId, book.lastUpdateId());
      }
      publish(event);
    }

    @Override
    public void onConnected(boolean reconnect) {
      if (reconnect) {
        lastUpdateId = -1;
        reconnectGaps.increment();
        log.info(
            "Upstream feed for {} reconnected and resubscribed; signalling a gap to {} subscribers",
            symbol,
            subscribers.size());
        publish(
            new MarketEvent.Gap(
                symbol,
                "UPSTREAM_RECONNECTED",
                "the venue feed reconnected; events in between may be missing: re-fetch the order book snapshot",
                nowMicros()));
      }
    }

    @Override
    public void onDisconnected(String reason) {
      log.warn("Upstream feed for {} disconnected: {}; reconnecting", symbol, reason);
    }

    private void publish(MarketEvent event) {
      String text = serialize(event);
      if (text == null) {
        return;
      }
      for (MarketDataSubscriber subscriber : subscribers) {
        if (subscriber.wants(event) && !subscriber.deliver(text)) {
          unsubscribe(symbol, subscriber);
        }
      }
    }
  }
}
