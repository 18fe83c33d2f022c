package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.broker.ConnectorDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link ExecutionStreamSubscriber} per connection of the connectors file: started for a
 * connection that appears, restarted when its connector moves, stopped when it goes (checked every
 * second). This is how fills and order states normally arrive; the REST fill feed and the order
 * poller remain a slower safety net and the fallback after a gap.
 */
@Component
class ExecutionStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ExecutionStreams.class);

  private final ConnectorDirectory directory;
  private final ExecutionLedger ledger;
  private final ExecutionStreamPositions positions;
  private final ConnectorFillFeed fillFeed;
  private final ConnectorPollingFillSource orderPoller;
  private final MeterRegistry meters;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final boolean enabled;
  private final Map<String, ExecutionStreamSubscriber> subscribers = new HashMap<>();
  private ScheduledExecutorService supervisor;

  ExecutionStreams(
      ConnectorDirectory directory,
      ExecutionLedger ledger,
      ExecutionStreamPositions positions,
      ConnectorFillFeed fillFeed,
      ConnectorPollingFillSource orderPoller,
      MeterRegistry meters,
      TransactionTemplate tx,
      JsonMapper json,
      Clock clock,
      @Value("${alphintra.trading.broker.push-executions:true}") boolean enabled) {
    this.directory = directory;
    this.ledger = ledger;
    this.positions = positions;
    this.fillFeed = fillFeed;
    this.orderPoller = orderPoller;
    this.meters = meters;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.enabled = enabled;
  }

  @Override
  public synchronized void start() {
    if (!enabled) {
      return;
    }
    supervisor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("execution-streams").daemon().factory());
    supervisor.scheduleWithFixedDelay(this::follow, 0, 1, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void stop() {
    if (supervisor != null) {
      supervisor.shutdownNow();
      supervisor = null;
    }
    subscribers.values().forEach(ExecutionStreamSubscriber::stop);
    subscribers.clear();
  }

  @Override
  public synchronized boolean isRunning() {
    return supervisor != null;
  }

  /** Whether the stream of {@code connection} is connected now. */
  synchronized boolean connected(String connection) {
    ExecutionStreamSubscriber subscriber = subscribers.get(connection);
    return subscriber != null && subscriber.connected();
  }

  private synchronized void follow() {
    try {
      Map<String, URI> wanted = directory.all();
      subscribers
          .entrySet()
          .removeIf(
              entry -> {
                if (entry.getValue().connector().equals(wanted.get(entry.getKey()))) {
                  return false;
                }
                entry.getValue().stop();
                return true;
              });
      wanted.forEach(
          (connection, uri) -> {
            if (!subscribers.containsKey(connection)) {
              log.info("Following the execution stream of {} at {}", connection, uri);
              ExecutionStreamSubscriber subscriber =
                  new ExecutionStreamSubscriber(
                      connection, uri, ledger, positions, this::reread, meters, tx, json, clock);
              subscribers.put(connection, subscriber);
              subscriber.start();
            }
          });
    } catch (RuntimeException e) {
      log.warn("Following the execution streams failed: {}", e.toString());
    }
  }

  /** After a gap: every fill after the connection's cursors, then its open orders' states. */
  private boolean reread(String connection, String reason) {
    meters
        .counter("trading_execution_stream_gaps_total", "connection", connection, "reason", reason)
        .increment();
    boolean fills = fillFeed.readConnection(connection);
    boolean orders = orderPoller.pollConnection(connection);
    return fills && orders;
  }
}
