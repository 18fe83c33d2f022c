package io.alphintra.brokerconnector.execution;

import io.alphintra.brokerconnector.fill.Fill;
import io.alphintra.brokerconnector.fill.FillJournal;
import io.alphintra.brokerconnector.marketdata.MarketDataSubscriber;
import io.alphintra.brokerconnector.order.BrokerOrder;
import io.alphintra.brokerconnector.order.OrderRegistry;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The connection's executions in one order: every fill as it becomes readable in the {@link
 * FillJournal} and every new order state the {@link OrderRegistry} takes, each numbered with the
 * next sequence of this process's stream ({@link #streamId()}, new at every start: sequences of an
 * earlier process mean nothing here). The newest {@code held} entries are kept for subscribers that
 * resume after a sequence; a subscriber asking for older ones is told so ({@link Gap}).
 */
@Component
public class ExecutionJournal {

  private final ObjectMapper json;
  private final int held;
  private final String streamId = UUID.randomUUID().toString();
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final List<MarketDataSubscriber> subscribers = new CopyOnWriteArrayList<>();
  private long lastSequence;

  ExecutionJournal(
      FillJournal fills,
      OrderRegistry orders,
      ObjectMapper json,
      @Value("${alphintra.broker.execution-journal-size:10000}") int held) {
    this.json = json;
    this.held = held;
    fills.onReadable(this::fill);
    orders.onChange(this::order);
  }

  /** One numbered execution, serialized as it is sent. */
  record Entry(long sequence, String json) {}

  /**
   * What a subscriber asking for entries after {@code requestedAfter} of {@code requestedStream}
   * cannot get from here: it must re-read fills and order states from REST, then continues after
   * {@code resumeAfter}.
   */
  record Gap(String reason, String requestedStream, long requestedAfter, long resumeAfter) {}

  /** This process's stream; sequences are only comparable within one stream. */
  public String streamId() {
    return streamId;
  }

  void fill(Fill fill) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", fill.symbol());
    body.put("tradeId", fill.tradeId());
    body.put("orderId", fill.orderId());
    body.put("clientOrderId", fill.clientOrderId());
    body.put("side", fill.side());
    body.put("price", fill.price().toPlainString());
    body.put("quantity", fill.quantity().toPlainString());
    body.put("commission", fill.commission().toPlainString());
    body.put("commissionAsset", fill.commissionAsset());
    body.put("maker", fill.maker());
    body.put("time", fill.timeMillis());
    append("fill", body);
  }

  void order(BrokerOrder order) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientOrderId", order.clientOrderId());
    body.put("venueOrderId", order.venueOrderId());
    body.put("symbol", order.symbol());
    body.put("side", order.side().name());
    body.put("status", order.status().name());
    body.put("quantity", order.quantity().toPlainString());
    body.put("executedQuantity", order.executedQuantity().toPlainString());
    body.put("cumulativeQuoteQuantity", order.cumulativeQuoteQuantity().toPlainString());
    body.put("updateTime", order.updateTime());
    append("order", body);
  }

  private synchronized void append(String type, Map<String, Object> body) {
    long sequence = ++lastSequence;
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", type);
    message.put("stream", streamId);
    message.put("sequence", sequence);
    message.putAll(body);
    Entry entry = new Entry(sequence, json.writeValueAsString(message));
    entries.addLast(entry);
    while (entries.size() > held) {
      entries.removeFirst();
    }
    for (MarketDataSubscriber subscriber : subscribers) {
      if (!subscriber.deliver(entry.json())) {
        subscribers.remove(subscriber);
      }
    }
  }

  /**
   * Subscribes {@code subscriber}: first the held entries after {@code after} (preceded by a {@link
   * Gap} when some of them are no longer held or {@code stream} is not this one), then every new
   * entry as it is appended, in sequence order, none twice.
   *
   * @param stream the stream {@code after} belongs to; null to take it as this one
   * @return the gap the subscriber was told of, if any
   */
  synchronized Gap subscribe(String stream, long after, MarketDataSubscriber subscriber) {
    long oldestHeld = entries.isEmpty() ? lastSequence + 1 : entries.getFirst().sequence();
    Gap gap = null;
    long from = after;
    if (stream != null && !stream.equals(streamId)) {
      gap = new Gap("STREAM_RESTARTED", stream, after, oldestHeld - 1);
    } else if (after > lastSequence) {
      gap = new Gap("AHEAD_OF_STREAM", stream, after, oldestHeld - 1);
    } else if (after < oldestHeld - 1) {
      gap = new Gap("NO_LONGER_HELD", stream, after, oldestHeld - 1);
    }
    if (gap != null) {
      from = gap.resumeAfter();
      if (!subscriber.deliver(gapMessage(gap))) {
        return gap;
      }
    }
    for (Entry entry : entries) {
      if (entry.sequence() > from && !subscriber.deliver(entry.json())) {
        return gap;
      }
    }
    subscribers.add(subscriber);
    return gap;
  }

  private String gapMessage(Gap gap) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "gap");
    message.put("stream", streamId);
    message.put("reason", gap.reason());
    message.put("requestedStream", gap.requestedStream());
    message.put("requestedAfter", gap.requestedAfter());
    message.put("resumeAfter", gap.resumeAfter());
    message.put(
        "reread",
        "entries after sequence "
            + gap.requestedAfter()
            + " up to "
            + gap.resumeAfter()
            + " are not held here: re-read fills from GET /api/v1/fills?symbol=&afterTradeId=<last"
            + " recorded trade id> and open orders' states from GET /api/v1/orders/{clientOrderId};"
            + " this stream continues after sequence "
            + gap.resumeAfter());
    return json.writeValueAsString(message);
  }

  void unsubscribe(MarketDataSubscriber subscriber) {
    subscribers.remove(subscriber);
  }

  /** Subscribers receiving live entries now. */
  int subscribers() {
    return subscribers.size();
  }

  synchronized long lastSequence() {
    return lastSequence;
  }

  synchronized long oldestHeld() {
    return entries.isEmpty() ? lastSequence + 1 : entries.getFirst().sequence();
  }
}
