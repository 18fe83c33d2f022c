package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.broker.ConnectorFailure;
import io.alphintra.tradingapi.broker.ConnectorFill;
import io.alphintra.tradingapi.broker.ConnectorProperties;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows each connector's fill feed ({@code GET /api/v1/fills?symbol=&afterTradeId=}, venue trades
 * with their commissions) for every connection and symbol trading-api sent orders to, from the last
 * trade id recorded in {@code fill_cursor}. The cursor moves in the transaction that records the
 * fill, so a restart, a connector restart or a read repeated after a failure resumes exactly after
 * the last recorded trade and records nothing twice.
 */
@Component
class ConnectorFillFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConnectorFillFeed.class);
  static final int PAGE = 500;

  private final Fills fills;
  private final ConnectorClient connectors;
  private final ExecutionLedger ledger;
  private final ConnectorProperties properties;
  private ScheduledExecutorService scheduler;

  ConnectorFillFeed(
      Fills fills,
      ConnectorClient connectors,
      ExecutionLedger ledger,
      ConnectorProperties properties) {
    this.fills = fills;
    this.connectors = connectors;
    this.ledger = ledger;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fill-feed").daemon().factory());
    long millis = properties.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::readOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** One pass: every followed connection and symbol, until its feed has nothing new. */
  void readOnce() {
    try {
      for (Fills.Followed followed : fills.followed()) {
        read(followed.connection(), followed.symbol());
      }
    } catch (RuntimeException e) {
      log.warn("Reading the fill feed failed: {}", e.toString());
    }
  }

  /**
   * Reads every followed symbol of {@code connection} until nothing new is left (the fallback after
   * a gap in the execution stream); false when some could not be read or must wait for the poller.
   */
  boolean readConnection(String connection) {
    boolean complete = true;
    for (Fills.Followed followed : fills.followed()) {
      if (followed.connection().equals(connection)) {
        complete &= read(connection, followed.symbol());
      }
    }
    return complete;
  }

  private boolean read(String connection, String symbol) {
    while (true) {
      List<ConnectorFill> page;
      try {
        page = connectors.fills(connection, symbol, fills.cursor(connection, symbol), PAGE);
      } catch (ConnectorFailure e) {
        if ("HTTP_410".equals(e.reason())) {
          log.error(
              "The connector of {} no longer holds the {} fills after the last recorded one: {}",
              connection,
              symbol,
              e.getMessage());
        } else {
          log.debug("Cannot read {} fills from {}: {}", symbol, connection, e.reason());
        }
        return false;
      }
      for (ConnectorFill fill : complete(page)) {
        if (ledger.recordTrade(connection, fill)
            == ExecutionLedger.TradeOutcome.ORDER_NOT_RESOLVED) {
          return false; // the poller resolves the order; this fill is read again next time
        }
      }
      if (page.size() < PAGE) {
        return true;
      }
    }
  }

  /**
   * A full page may end inside the fills of one trade (a self-trade has two); those are left to the
   * next page, which starts after the cursor, so none of them is skipped.
   */
  static List<ConnectorFill> complete(List<ConnectorFill> page) {
    if (page.size() < PAGE) {
      return page;
    }
    long last = page.getLast().tradeId();
    List<ConnectorFill> before = page.stream().filter(f -> f.tradeId() != last).toList();
    return before.isEmpty() ? page : before;
  }
}
