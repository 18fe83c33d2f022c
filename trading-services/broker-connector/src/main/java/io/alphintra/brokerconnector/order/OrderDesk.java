package io.alphintra.brokerconnector.order;

import io.alphintra.brokerconnector.filters.FilterViolation;
import io.alphintra.brokerconnector.filters.OrderFilters;
import io.alphintra.brokerconnector.filters.SymbolRules;
import io.alphintra.brokerconnector.filters.SymbolRulesBook;
import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.VenueClock;
import io.alphintra.brokerconnector.venue.VenueRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The platform's order operations: idempotent placement per clientOrderId, cancel, lookup and open
 * orders, with symbol filters applied before anything is sent.
 */
@Component
public class OrderDesk {

  private final OrderRegistry registry;
  private final OrderPlacement placement;
  private final BrokerGateway gateway;
  private final SymbolRulesBook rules;
  private final OrderMetrics metrics;
  private final VenueClock clock;
  private final FeedContinuity feed;
  private final List<String> symbols;

  OrderDesk(
      OrderRegistry registry,
      OrderPlacement placement,
      BrokerGateway gateway,
      SymbolRulesBook rules,
      OrderMetrics metrics,
      VenueClock clock,
      FeedContinuity feed,
      BrokerProperties properties) {
    this.registry = registry;
    this.placement = placement;
    this.gateway = gateway;
    this.rules = rules;
    this.metrics = metrics;
    this.clock = clock;
    this.feed = feed;
    this.symbols = properties.symbols();
  }

  /**
   * The outcome of a placement: {@code created} is false when the clientOrderId was already known.
   */
  public record Placed(BrokerOrder order, boolean created) {}

  /**
   * Places the order once per clientOrderId, across restarts: an id this process has not seen is
   * first looked up on the venue, which also finds closed orders an earlier process placed.
   */
  public Placed place(OrderRequest request) throws InterruptedException {
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new OrderProblem(HttpStatus.BAD_REQUEST, "INVALID_ORDER", String.join("; ", problems));
    }
    SymbolRules symbolRules = rulesFor(request.symbol());
    OrderRegistry.Claim claim = registry.claim(request);
    if (!claim.owner()) {
      return new Placed(awaitExisting(claim.order(), request), false);
    }
    OrderPlacement.Outcome outcome;
    // Taken before anything is sent: the feed pushes every change of the order in this stretch.
    long stretch = feed.current();
    try {
      Optional<FilterViolation> violation = OrderFilters.check(symbolRules, request);
      if (violation.isPresent()) {
        metrics.rejected(violation.get().filter());
        throw new OrderProblem(
            HttpStatus.UNPROCESSABLE_ENTITY, violation.get().filter(), violation.get().message());
      }
      outcome = placement.place(request);
    } catch (VenueRejection rejection) {
      metrics.rejected(Integer.toString(rejection.code()));
      registry.release(claim.order(), rejection);
      throw rejection;
    } catch (OrderProblem | RateLimitWaitExceeded refusedUnsent) {
      // Refused before anything was sent (filters, no budget, venue unreachable): the id is free
      // again.
      registry.release(claim.order(), refusedUnsent);
      throw refusedUnsent;
    } catch (RuntimeException unexpected) {
      // Anything else may have struck after the venue accepted the order: the id stays taken, as
      // UNKNOWN, and reads reconcile it. Releasing it here could place the order twice.
      claim.order().unresolvedAtVenue = clock.now();
      registry.settle(claim.order(), BrokerOrder.unknown(request), FeedContinuity.NONE);
      throw unexpected;
    }
    BrokerOrder order = outcome.order();
    if (order.status() == OrderStatus.UNKNOWN) {
      claim.order().unresolvedAtVenue = clock.now();
    }
    registry.settle(claim.order(), order, stretch);
    if (!outcome.sentByUs() && !request.describes(order)) {
      throw conflict(request, order);
    }
    return new Placed(order, outcome.sentByUs());
  }

  /** Which source answered a read: the connector's own state, or the venue. */
  public enum Source {
    /** The registry, which has followed the order on the live user-data feed. */
    FEED,
    /** The venue, asked because the connector could not vouch for the order's latest state. */
    VENUE
  }

  /** An order's state and where it came from. */
  public record Read(BrokerOrder order, Source source) {}

  /**
   * The order's current state: from the registry when it has followed the order on the user-data
   * feed without a break since it learned the order's state (placed or read in the live feed
   * stretch), otherwise from the venue.
   */
  public Read get(String clientOrderId, String symbol) {
    long stretch = feed.current();
    Optional<OrderRegistry.TrackedOrder> known = registry.find(clientOrderId);
    if (known.isPresent() && known.get().followedIn(stretch)) {
      return new Read(known.get().latest(), Source.FEED);
    }
    String orderSymbol = known.map(tracked -> tracked.latest().symbol()).orElse(symbol);
    for (String candidate : candidateSymbols(orderSymbol)) {
      Optional<BrokerOrder> found = gateway.find(candidate, clientOrderId);
      if (found.isPresent()) {
        registry.update(found.get(), stretch);
        // The registry's state when the feed pushed a later one while the read was under way.
        BrokerOrder latest =
            registry
                .find(clientOrderId)
                .map(OrderRegistry.TrackedOrder::latest)
                .orElse(found.get());
        return new Read(latest, Source.VENUE);
      }
    }
    if (known.isPresent() && known.get().latest().status() == OrderStatus.UNKNOWN) {
      OrderRegistry.TrackedOrder tracked = known.get();
      if (tracked.unresolvedAtVenue > 0
          && placement.absenceIsConclusive(tracked.unresolvedAtVenue)) {
        registry.forget(tracked);
        throw notFound(
            clientOrderId,
            " (its placement never reached the venue; it is safe to place it again)");
      }
      return new Read(tracked.latest(), Source.VENUE);
    }
    throw notFound(clientOrderId, "");
  }

  public BrokerOrder cancel(String clientOrderId, String symbol) {
    Optional<OrderRegistry.TrackedOrder> known = registry.find(clientOrderId);
    String orderSymbol = known.map(tracked -> tracked.latest().symbol()).orElse(symbol);
    if (orderSymbol == null && symbols.size() != 1) {
      throw new OrderProblem(
          HttpStatus.BAD_REQUEST,
          "SYMBOL_REQUIRED",
          "order "
              + clientOrderId
              + " is not known to this connector; pass ?symbol= to cancel it on the venue");
    }
    String target = orderSymbol != null ? orderSymbol : symbols.getFirst();
    long stretch = feed.current();
    try {
      BrokerOrder canceled = gateway.cancel(target, clientOrderId);
      registry.update(canceled, stretch);
      return canceled;
    } catch (VenueRejection rejection) {
      if (rejection.code() != VenueRejection.UNKNOWN_ORDER_ON_CANCEL) {
        throw rejection;
      }
      // Binance answers -2011 both for unknown and for already closed orders: tell them apart.
      BrokerOrder current =
          gateway.find(target, clientOrderId).orElseThrow(() -> notFound(clientOrderId, ""));
      registry.update(current, stretch);
      if (current.status().isOpen()) {
        throw rejection;
      }
      throw new OrderProblem(
          HttpStatus.CONFLICT,
          "ORDER_CLOSED",
          "order " + clientOrderId + " is already " + current.status() + " and cannot be canceled");
    }
  }

  /** Open orders on the venue for one symbol, or for every configured symbol. */
  public List<BrokerOrder> openOrders(String symbol) {
    List<BrokerOrder> open = new ArrayList<>();
    for (String candidate : symbol != null ? List.of(symbol) : symbols) {
      long stretch = feed.current();
      List<BrokerOrder> orders = gateway.openOrders(candidate);
      orders.forEach(order -> registry.update(order, stretch));
      open.addAll(orders);
    }
    return open;
  }

  /** Registers orders found on the venue at startup; returns how many were new to us. */
  public int adoptOpenOrders() {
    int before = registry.all().size();
    openOrders(null);
    int adopted = registry.all().size() - before;
    metrics.recovered("startup", adopted);
    return adopted;
  }

  private BrokerOrder awaitExisting(OrderRegistry.TrackedOrder existing, OrderRequest request)
      throws InterruptedException {
    BrokerOrder order;
    try {
      order = existing.placement().get();
    } catch (ExecutionException e) {
      // The first placement was refused and released: this request is a new attempt.
      return place(request).order();
    }
    if (!request.describes(order)) {
      throw conflict(request, order);
    }
    return existing.latest();
  }

  private static OrderProblem conflict(OrderRequest request, BrokerOrder order) {
    return new OrderProblem(
        HttpStatus.CONFLICT,
        "CLIENT_ORDER_ID_CONFLICT",
        "clientOrderId "
            + request.clientOrderId()
            + " already names a different order ("
            + order.side()
            + " "
            + order.quantity().toPlainString()
            + " "
            + order.symbol()
            + " "
            + order.type()
            + "); use a new clientOrderId");
  }

  private SymbolRules rulesFor(String symbol) {
    if (!symbols.isEmpty() && !symbols.contains(symbol)) {
      throw new OrderProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "SYMBOL",
          symbol + " is not traded by this connection; configured symbols: " + symbols);
    }
    return rules
        .rules(symbol)
        .orElseThrow(
            () ->
                rules.isEmpty()
                    ? new OrderProblem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "NOT_CONNECTED",
                        "the connector has not loaded the venue's symbol rules yet; retry shortly")
                    : new OrderProblem(
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        "SYMBOL",
                        symbol + " is not listed on the venue"));
  }

  private List<String> candidateSymbols(String symbol) {
    return symbol != null ? List.of(symbol) : symbols;
  }

  private static OrderProblem notFound(String clientOrderId, String detail) {
    return new OrderProblem(
        HttpStatus.NOT_FOUND,
        "ORDER_NOT_FOUND",
        "no order with clientOrderId " + clientOrderId + detail);
  }
}
