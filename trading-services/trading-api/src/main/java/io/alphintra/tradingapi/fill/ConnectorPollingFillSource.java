package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.broker.ConnectorFailure;
import io.alphintra.tradingapi.broker.ConnectorOrder;
import io.alphintra.tradingapi.broker.ConnectorProperties;
import io.alphintra.tradingapi.order.OrderStatus;
import io.alphintra.tradingapi.order.Orders;
import io.alphintra.tradingapi.order.TradeOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads order states (not fills: {@link ConnectorFillFeed} records those) from their connectors
 * each poll interval: one {@code GET /api/v1/orders/open} per connection and symbol, plus {@code
 * GET /api/v1/orders/{id}} for orders that left the open list or are unresolved. While a connector
 * is unreachable its orders are skipped; the first read after it is back carries the states reached
 * during the outage. An order whose outcome was unknown, or that stayed pending past the placement
 * deadline, is resolved the same way: the connector looks it up on the venue; when it answers 404
 * the order never reached the venue. An acknowledged order the venue no longer has (its book was
 * lost) is settled EXPIRED NOT_ON_VENUE (see {@link #pollMissing}).
 */
@Component
class ConnectorPollingFillSource implements FillSource {

  private static final Logger log = LoggerFactory.getLogger(ConnectorPollingFillSource.class);

  /** Who settles an order the venue lost, in its history. */
  static final String RECONCILER = "reconciler";

  private final Orders orders;
  private final ConnectorClient connectors;
  private final ExecutionLedger ledger;
  private final NotOnVenueSettlement settlement;
  private final ConnectorProperties properties;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  ConnectorPollingFillSource(
      Orders orders,
      ConnectorClient connectors,
      ExecutionLedger ledger,
      NotOnVenueSettlement settlement,
      ConnectorProperties properties,
      Clock clock) {
    this.orders = orders;
    this.connectors = connectors;
    this.ledger = ledger;
    this.settlement = settlement;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public synchronized void start(Consumer<OrderReport> sink) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fill-poller").daemon().factory());
    long millis = properties.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(() -> pollOnce(sink), millis, millis, TimeUnit.MILLISECONDS);
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
    }
  }

  /**
   * One pass over the open orders: per connection and symbol one read of the venue's open orders
   * (which carries their partial fills), then a single read of each acknowledged order that is no
   * longer open (its final state and last fills) and of each unresolved one.
   */
  void pollOnce(Consumer<OrderReport> sink) {
    try {
      Map<String, Map<String, List<TradeOrder>>> byConnectionAndSymbol = new TreeMap<>();
      for (TradeOrder order : orders.open()) {
        byConnectionAndSymbol
            .computeIfAbsent(order.brokerConnection(), c -> new TreeMap<>())
            .computeIfAbsent(order.symbol(), s -> new ArrayList<>())
            .add(order);
      }
      byConnectionAndSymbol.forEach(
          (connection, bySymbol) ->
              bySymbol.forEach((symbol, open) -> poll(connection, symbol, open, sink)));
    } catch (RuntimeException e) {
      log.warn("Fill poll failed: {}", e.toString());
    }
  }

  /**
   * Reads the states of {@code connection}'s open orders once and applies them (the fallback after
   * a gap in the execution stream); false when the connector could not be read.
   */
  boolean pollConnection(String connection) {
    Consumer<OrderReport> sink =
        report -> ledger.apply(report, ExecutionLedger.VENUE, "venue report");
    Map<String, List<TradeOrder>> bySymbol = new TreeMap<>();
    for (TradeOrder order : orders.open()) {
      if (order.brokerConnection().equals(connection)) {
        bySymbol.computeIfAbsent(order.symbol(), s -> new ArrayList<>()).add(order);
      }
    }
    boolean complete = true;
    for (Map.Entry<String, List<TradeOrder>> entry : bySymbol.entrySet()) {
      complete &= poll(connection, entry.getKey(), entry.getValue(), sink);
    }
    return complete;
  }

  private boolean poll(
      String connection, String symbol, List<TradeOrder> open, Consumer<OrderReport> sink) {
    List<TradeOrder> acknowledged = new ArrayList<>();
    for (TradeOrder order : open) {
      switch (order.status()) {
        case NEW, PARTIALLY_FILLED -> acknowledged.add(order);
        case UNKNOWN -> poll(order, sink);
        default -> {
          if (stale(order)) {
            poll(order, sink); // a placement that never finished (e.g. the process died)
          }
        }
      }
    }
    if (acknowledged.isEmpty()) {
      return true;
    }
    Set<String> stillOpen = new HashSet<>();
    try {
      for (ConnectorOrder venue : connectors.open(connection, symbol)) {
        stillOpen.add(venue.clientOrderId());
        sink.accept(new OrderReport(connection, venue));
      }
    } catch (ConnectorFailure e) {
      log.debug("Cannot read open {} orders from {}: {}", symbol, connection, e.reason());
      return false;
    }
    for (TradeOrder order : acknowledged) {
      if (!stillOpen.contains(order.venueClientOrderId())) {
        pollMissing(order, sink);
      }
    }
    return true;
  }

  /**
   * An acknowledged order the venue's open orders did not list: closed on the venue (a read by
   * clientOrderId carries its final state and last fills), or lost by it. When that read is a 404
   * {@code ORDER_NOT_FOUND} too — two positive answers that the venue has no such open order — the
   * order can no longer trade and is settled EXPIRED NOT_ON_VENUE, as a cancel would settle it. A
   * read that does not reach the venue (timeout, 5xx, refused connection, venue not connected)
   * proves nothing and changes nothing; the next poll asks again.
   *
   * <p>The race with an order the venue has only just accepted (its lookup can lag the placement,
   * or the open list was read while the acknowledgement was being recorded) is guarded by age, not
   * by counting consecutive "unknown" answers: the order's last change must be at least {@code
   * lost-order-grace} old. Age lives in the database, so it holds across replicas and restarts of
   * trading-api (a counter in memory would start over in each and differ between replicas), and it
   * bounds the wait by time rather than by a poll interval that the execution streams make rare.
   */
  private void pollMissing(TradeOrder order, Consumer<OrderReport> sink) {
    ConnectorOrder venue;
    try {
      venue = connectors.get(order.brokerConnection(), order.venueClientOrderId(), order.symbol());
    } catch (ConnectorFailure e) {
      if (e.kind() == ConnectorFailure.Kind.NOT_FOUND && pastLostOrderGrace(order)) {
        settlement.settle(
            order,
            RECONCILER,
            "reconciled against the venue's open orders",
            "open orders: not listed, read by clientOrderId: " + e.reason(),
            e.getMessage());
      } else {
        log.debug(
            "Cannot read order {} from {}: {}", order.id(), order.brokerConnection(), e.reason());
      }
      return;
    }
    sink.accept(new OrderReport(order.brokerConnection(), venue));
  }

  private boolean pastLostOrderGrace(TradeOrder order) {
    return !order.updatedAt().plus(properties.lostOrderGrace()).isAfter(clock.instant());
  }

  private void poll(TradeOrder order, Consumer<OrderReport> sink) {
    try {
      sink.accept(
          new OrderReport(
              order.brokerConnection(),
              connectors.get(
                  order.brokerConnection(), order.venueClientOrderId(), order.symbol())));
    } catch (ConnectorFailure e) {
      boolean unresolved =
          order.status() == OrderStatus.UNKNOWN || order.status() == OrderStatus.PENDING_NEW;
      if (e.kind() == ConnectorFailure.Kind.NOT_FOUND && unresolved) {
        ledger.transition(
            order.id(),
            OrderStatus.REJECTED,
            ExecutionLedger.VENUE,
            "the venue does not have the order: it was never placed",
            NotOnVenueSettlement.REASON,
            e.getMessage());
      } else {
        log.debug(
            "Cannot read order {} from {}: {}", order.id(), order.brokerConnection(), e.reason());
      }
    }
  }

  private boolean stale(TradeOrder order) {
    return order.updatedAt().plus(properties.placementDeadline()).isBefore(clock.instant());
  }
}
