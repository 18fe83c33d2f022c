package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.Accounts;
import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.broker.ConnectorFailure;
import io.alphintra.tradingapi.broker.ConnectorOrder;
import io.alphintra.tradingapi.broker.ConnectorProperties;
import io.alphintra.tradingapi.fill.ExecutionLedger;
import io.alphintra.tradingapi.fill.Fills;
import io.alphintra.tradingapi.fill.OrderReport;
import io.alphintra.tradingapi.instrument.Instrument;
import io.alphintra.tradingapi.instrument.Instruments;
import io.alphintra.tradingapi.order.OrderMetrics.Result;
import io.alphintra.tradingapi.position.Positions;
import io.alphintra.tradingapi.risk.OrderIntent;
import io.alphintra.tradingapi.risk.OrderRateLimiter;
import io.alphintra.tradingapi.risk.PreTradeRisk;
import io.alphintra.tradingapi.risk.RiskRejection;
import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.web.ApiProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places and cancels orders. A placement runs pre-trade risk and records the order as PENDING_NEW
 * while its account row is locked (so the checks of one account see each other's orders and a
 * clientOrderId is inserted once), then sends it to the account's connector and records what the
 * venue answered. Concurrent retries of one clientOrderId wait for that first outcome.
 */
@Service
public class OrderDesk {

  private static final Logger log = LoggerFactory.getLogger(OrderDesk.class);

  private final Accounts accounts;
  private final Orders orders;
  private final Positions positions;
  private final Instruments instruments;
  private final ConnectorClient connectors;
  private final ExecutionLedger ledger;
  private final Fills fills;
  private final OrderRateLimiter rate;
  private final OrderMetrics metrics;
  private final PlacementGate gate;
  private final TransactionTemplate tx;
  private final VenueCancel venueCancel;
  private final Clock clock;
  private final Duration placementWait;
  private final Map<UUID, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
  // The same placements by (account, clientOrderId): a retry of one of them needs no gate slot.
  private final Map<String, CompletableFuture<Void>> inFlightByClientOrderId =
      new ConcurrentHashMap<>();
  private final AtomicInteger retriesWaiting = new AtomicInteger();

  OrderDesk(
      Accounts accounts,
      Orders orders,
      Positions positions,
      Instruments instruments,
      ConnectorClient connectors,
      ExecutionLedger ledger,
      Fills fills,
      OrderRateLimiter rate,
      OrderMetrics metrics,
      PlacementGate gate,
      TransactionTemplate tx,
      VenueCancel venueCancel,
      ConnectorProperties broker,
      Clock clock) {
    this.accounts = accounts;
    this.orders = orders;
    this.positions = positions;
    this.instruments = instruments;
    this.connectors = connectors;
    this.ledger = ledger;
    this.fills = fills;
    this.rate = rate;
    this.metrics = metrics;
    this.gate = gate;
    this.tx = tx;
    this.venueCancel = venueCancel;
    this.clock = clock;
    // A placement in flight is answered within the connector's request timeout.
    this.placementWait = broker.requestTimeout().plusSeconds(1);
    metrics.retriesWaiting(retriesWaiting::get);
    metrics.placementsInFlight(gate::inFlight);
  }

  /** How a placement request was let through the admission gate. */
  public enum Admission {
    /** It holds one of the gate's slots. */
    SLOT,
    /**
     * It retries a clientOrderId whose placement is in flight in this process (and holds a slot):
     * it only waits for that outcome, so it takes none, and never sends anything itself.
     */
    RETRY_OF_IN_FLIGHT
  }

  /**
   * The order and whether this request created it.
   *
   * @param order as recorded after the venue's answer
   * @param created false for a retry of an existing clientOrderId
   */
  public record Placed(TradeOrder order, boolean created) {}

  private sealed interface Decision {}

  private record Existing(TradeOrder order) implements Decision {}

  private record Refused(RiskRejection rejection) implements Decision {}

  /**
   * @param firstAttempt true when this placement inserted the order: nothing was ever sent with its
   *     venue client order id
   */
  private record Created(TradeOrder order, boolean firstAttempt, CompletableFuture<Void> done)
      implements Decision {}

  /** A retry without a slot found the order not (or no longer) in flight and not sent. */
  private record NotResent(String clientOrderId, TradeOrder order) implements Decision {}

  /**
   * Runs a placement request (its account lookup included) inside the admission gate: beyond {@code
   * max-in-flight} it is refused with 503 OVERLOADED before it touches the database. A retry of a
   * clientOrderId of the account whose placement is in flight here takes no slot: it waits for that
   * placement's outcome (see {@link Admission#RETRY_OF_IN_FLIGHT}), so client retries under load do
   * not crowd out new orders.
   */
  public <T> T admitted(String accountId, String clientOrderId, Function<Admission, T> placement) {
    if (clientOrderId != null
        && inFlightByClientOrderId.containsKey(clientKey(accountId, clientOrderId))) {
      return placement.apply(Admission.RETRY_OF_IN_FLIGHT);
    }
    if (!gate.tryEnter()) {
      metrics.order(Result.OVERLOADED);
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "OVERLOADED",
          "trading-api already has "
              + gate.maxInFlight()
              + " placements in flight; nothing was recorded: retry with the same clientOrderId");
    }
    try {
      return placement.apply(Admission.SLOT);
    } finally {
      gate.leave();
    }
  }

  private static String clientKey(String accountId, String clientOrderId) {
    return accountId + '\u0000' + clientOrderId;
  }

  public Placed place(
      Caller caller, Account account, PlaceOrderRequest request, Admission admission) {
    return metrics.placement().record(() -> placeTimed(caller, account, request, admission));
  }

  private Placed placeTimed(
      Caller caller, Account account, PlaceOrderRequest request, Admission admission) {
    Instrument instrument;
    TradeOrder proposed;
    try {
      instrument = instruments.require(request.symbol());
      proposed = proposal(caller, account, request, instrument);
    } catch (ApiProblem e) {
      metrics.order(Result.INVALID);
      throw e;
    }
    Optional<TradeOrder> existing = orders.find(account.id(), proposed.clientOrderId());
    if (existing.isPresent()) {
      TradeOrder first = firstOutcome(existing.get(), proposed);
      if (first.status() != OrderStatus.NOT_SENT) {
        metrics.order(Result.DUPLICATE);
        return new Placed(first, false);
      }
      if (admission == Admission.RETRY_OF_IN_FLIGHT) {
        // The attempt it waited for reached no venue: that is its answer; the next retry sends it.
        metrics.order(Result.NOT_SENT);
        throw notSent(first.clientOrderId(), first);
      }
      // Never sent: this request sends it, as a new placement would (below).
    }
    Optional<BigDecimal> lastPrice =
        needsLastPrice(account, proposed)
            ? connectors.lastPrice(account.brokerConnection(), proposed.symbol())
            : Optional.empty();
    Decision decision =
        tx.execute(
            status -> {
              Account locked = accounts.lock(account.id()).orElseThrow();
              Optional<TradeOrder> again = orders.find(account.id(), proposed.clientOrderId());
              if (again.isPresent() && again.get().status() != OrderStatus.NOT_SENT) {
                return new Existing(again.get());
              }
              if (admission == Admission.RETRY_OF_IN_FLIGHT) {
                // Sending needs a slot: the attempt this retry waited for ended unsent meanwhile.
                return new NotResent(proposed.clientOrderId(), again.orElse(null));
              }
              Optional<RiskRejection> rejection =
                  PreTradeRisk.check(
                          locked,
                          new OrderIntent(
                              proposed.symbol(),
                              proposed.side(),
                              proposed.type(),
                              proposed.quantity(),
                              proposed.price()),
                          lastPrice,
                          orders.countOpen(locked.id()),
                          // Fills trail the order states the venue reported: count those too.
                          positions
                              .quantity(locked.id(), proposed.symbol())
                              .add(orders.fillsInFlight(locked.id(), proposed.symbol())))
                      .or(() -> rate.acquire(locked));
              if (rejection.isPresent()) {
                return new Refused(rejection.get());
              }
              TradeOrder sending;
              boolean firstAttempt;
              if (again.isPresent()) {
                // Its earlier attempt reached no venue: the same order (and venue id) goes now.
                Instant now = clock.instant();
                orders.resend(again.get().id(), now);
                orders.appendEvent(
                    again.get().id(),
                    now,
                    caller.subject(),
                    OrderStatus.NOT_SENT,
                    OrderStatus.PENDING_NEW,
                    "placed again (the earlier attempt was not sent); pre-trade risk passed");
                sending = orders.find(again.get().id()).orElseThrow();
                firstAttempt = false;
              } else {
                // Inserted under the account lock: no other placement has this order, or sent it.
                firstAttempt = orders.insert(proposed);
                fills.follow(proposed.brokerConnection(), proposed.symbol(), proposed.createdAt());
                orders.appendEvent(
                    proposed.id(),
                    proposed.createdAt(),
                    caller.subject(),
                    null,
                    OrderStatus.PENDING_NEW,
                    "placed; pre-trade risk passed");
                sending = proposed;
              }
              CompletableFuture<Void> done = new CompletableFuture<>();
              inFlight.put(sending.id(), done);
              inFlightByClientOrderId.put(
                  clientKey(sending.accountId(), sending.clientOrderId()), done);
              return new Created(sending, firstAttempt, done);
            });
    return switch (decision) {
      case Existing e -> {
        TradeOrder first = firstOutcome(e.order(), proposed);
        if (first.status() == OrderStatus.NOT_SENT) {
          metrics.order(Result.NOT_SENT);
          throw notSent(first.clientOrderId(), first);
        }
        metrics.order(Result.DUPLICATE);
        yield new Placed(first, false);
      }
      case NotResent n -> {
        metrics.order(Result.NOT_SENT);
        throw notSent(n.clientOrderId(), n.order());
      }
      case Refused r -> {
        metrics.riskRejection(r.rejection().reason());
        metrics.order(Result.RISK_REJECTED);
        throw new ApiProblem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            r.rejection().reason().name(),
            r.rejection().message(),
            Map.of("limit", r.rejection().limit(), "value", r.rejection().value()));
      }
      case Created c -> {
        TradeOrder outcome;
        try {
          // Before the retries and the kill switch waiting for this placement are let go.
          outcome = cancelIfStopped(send(c.order(), c.firstAttempt()));
        } finally {
          inFlight.remove(c.order().id());
          inFlightByClientOrderId.remove(
              clientKey(c.order().accountId(), c.order().clientOrderId()));
          c.done().complete(null);
        }
        if (outcome.status() == OrderStatus.NOT_SENT) {
          throw notSent(outcome.clientOrderId(), outcome);
        }
        yield new Placed(outcome, true);
      }
    };
  }

  /**
   * 503 for a placement that reached no venue: nothing final was recorded (the order is NOT_SENT,
   * or absent), so a retry with the same clientOrderId places it.
   */
  private static ApiProblem notSent(String clientOrderId, TradeOrder order) {
    String why =
        order == null || order.rejectReason() == null
            ? "its placement attempt did not reach the connector"
            : order.rejectReason() + ": " + order.rejectMessage();
    return new ApiProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "BROKER_UNAVAILABLE",
        "order "
            + clientOrderId
            + " was not sent ("
            + why
            + "); nothing reached the venue: retry with the same clientOrderId",
        order == null || order.rejectReason() == null
            ? Map.of()
            : Map.of("orderStatus", order.status().name(), "cause", order.rejectReason()));
  }

  private TradeOrder send(TradeOrder order, boolean firstAttempt) {
    try {
      // A pushed state of the order arriving meanwhile is recorded with this request's reason.
      TradeOrder recorded =
          ledger.attributed(
              order.id(),
              ExecutionLedger.VENUE,
              "acknowledged by the venue",
              () -> {
                ConnectorOrder venue =
                    connectors.place(
                        order.brokerConnection(),
                        new ConnectorClient.Placement(
                            order.venueClientOrderId(),
                            order.symbol(),
                            order.side().name(),
                            order.type().name(),
                            order.timeInForce() == null ? null : order.timeInForce().name(),
                            order.quantity(),
                            order.price(),
                            firstAttempt));
                return ledger
                    .apply(
                        new OrderReport(order.brokerConnection(), venue),
                        ExecutionLedger.VENUE,
                        "acknowledged by the venue")
                    .orElseThrow();
              });
      metrics.order(
          recorded.status() == OrderStatus.REJECTED ? Result.VENUE_REJECTED : Result.ACCEPTED);
      return recorded;
    } catch (ConnectorFailure e) {
      return switch (e.kind()) {
        case REFUSED -> {
          metrics.order(Result.VENUE_REJECTED);
          yield ledger
              .transition(
                  order.id(),
                  OrderStatus.REJECTED,
                  ExecutionLedger.VENUE,
                  "refused by the connector or venue: " + e.reason(),
                  e.reason(),
                  e.getMessage())
              .orElseThrow();
        }
        case UNKNOWN -> {
          metrics.order(Result.UNKNOWN);
          yield ledger
              .transition(
                  order.id(),
                  OrderStatus.UNKNOWN,
                  "trading-api",
                  "outcome unknown (" + e.reason() + "); the poller resolves it",
                  null,
                  null)
              .orElseThrow();
        }
        default -> {
          // Provably never reached the venue (no connection, or the connector sent nothing): not
          // final, so the clientOrderId is not used up; a retry sends the same order.
          metrics.order(Result.NOT_SENT);
          yield ledger
              .transition(
                  order.id(),
                  OrderStatus.NOT_SENT,
                  "trading-api",
                  "not sent: "
                      + e.reason()
                      + " ("
                      + e.getMessage()
                      + "); nothing reached the venue, a retry with the same clientOrderId"
                      + " places it",
                  e.reason(),
                  e.getMessage())
              .orElseThrow();
        }
      };
    }
  }

  /**
   * Cancels an order the venue acknowledged if its account's kill switch was engaged while the
   * placement was in flight (the switch's own cancel pass could not cancel it yet); the order as
   * recorded after.
   */
  private TradeOrder cancelIfStopped(TradeOrder order) {
    if (!order.status().isCancelable()) {
      return order;
    }
    Account account = accounts.find(order.accountId()).orElseThrow();
    if (!account.killSwitch()) {
      return order;
    }
    try {
      return cancel(
          order,
          "trading-api",
          "kill switch engaged while the placement was in flight: " + account.killSwitchReason());
    } catch (ApiProblem e) {
      // The enforcer below tries again.
      log.warn("order {}: cancel for the kill switch failed: {}", order.id(), e.getMessage());
      return orders.find(order.id()).orElse(order);
    }
  }

  /**
   * The first outcome of a clientOrderId: after its placement, if in flight here, finished (or
   * after the placement's own bound, the connector's request timeout + 1 s; then its state as it
   * is).
   */
  private TradeOrder firstOutcome(TradeOrder existing, TradeOrder proposed) {
    if (!sameOrder(existing, proposed)) {
      metrics.order(Result.INVALID);
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "CLIENT_ORDER_ID_CONFLICT",
          "clientOrderId "
              + existing.clientOrderId()
              + " already names a different order on account "
              + existing.accountId()
              + " ("
              + existing.side()
              + " "
              + existing.quantity().stripTrailingZeros().toPlainString()
              + " "
              + existing.symbol()
              + "): use a new clientOrderId");
    }
    CompletableFuture<Void> pending = inFlight.get(existing.id());
    if (pending != null) {
      retriesWaiting.incrementAndGet();
      try {
        // The first request's own answer reports what went wrong; a retry reports the state.
        awaitUntil(pending, System.nanoTime() + placementWait.toNanos());
      } finally {
        retriesWaiting.decrementAndGet();
      }
    }
    return orders.find(existing.id()).orElseThrow();
  }

  private static boolean sameOrder(TradeOrder a, TradeOrder b) {
    return a.symbol().equals(b.symbol())
        && a.side() == b.side()
        && a.type() == b.type()
        && a.timeInForce() == b.timeInForce()
        && a.quantity().compareTo(b.quantity()) == 0
        && (a.price() == null
            ? b.price() == null
            : b.price() != null && a.price().compareTo(b.price()) == 0);
  }

  private static boolean needsLastPrice(Account account, TradeOrder order) {
    var limits = account.limits();
    return limits.priceBandBps() != null
        || (order.price() == null
            && (limits.maxOrderNotional() != null || limits.maxPositionNotional() != null));
  }

  private TradeOrder proposal(
      Caller caller, Account account, PlaceOrderRequest request, Instrument instrument) {
    List<String> problems = new ArrayList<>();
    if (request.quantity().stripTrailingZeros().scale() > instrument.quantityScale()) {
      problems.add(
          "quantity "
              + request.quantity().toPlainString()
              + " has more than the "
              + instrument.quantityScale()
              + " decimals "
              + instrument.symbol()
              + " allows");
    }
    if (request.type().hasPrice() && request.price() == null) {
      problems.add("price is required for " + request.type() + " orders");
    }
    if (!request.type().hasPrice() && request.price() != null) {
      problems.add("price must be empty for MARKET orders");
    }
    if (request.price() != null
        && request.price().stripTrailingZeros().scale() > instrument.priceScale()) {
      problems.add(
          "price "
              + request.price().toPlainString()
              + " has more than the "
              + instrument.priceScale()
              + " decimals "
              + instrument.symbol()
              + " allows");
    }
    if (request.type() != OrderType.LIMIT && request.timeInForce() != null) {
      problems.add(
          "timeInForce applies to LIMIT orders only; leave it empty for " + request.type());
    }
    if (!problems.isEmpty()) {
      throw ApiProblem.badRequest(String.join("; ", problems));
    }
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    return new TradeOrder(
        id,
        account.id(),
        request.clientOrderId(),
        id.toString().replace("-", ""),
        account.brokerConnection(),
        null,
        instrument.symbol(),
        request.side(),
        request.type(),
        request.type() == OrderType.LIMIT
            ? Objects.requireNonNullElse(request.timeInForce(), TimeInForce.GTC)
            : null,
        instrument.quantity(request.quantity()),
        instrument.price(request.price()),
        OrderStatus.PENDING_NEW,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        null,
        null,
        caller.subject(),
        now,
        now);
  }

  /** Cancels an open order on the venue and records the venue's answer. */
  public TradeOrder cancel(Caller caller, Account account, String clientOrderId) {
    TradeOrder order =
        orders
            .find(account.id(), clientOrderId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "order " + clientOrderId + " does not exist on account " + account.id()));
    return cancel(order, caller.subject(), "cancel requested by " + caller.subject());
  }

  /**
   * What the kill switch did with an account's open orders, each entry {@code "<clientOrderId>:
   * <what>"}.
   *
   * @param canceled canceled on the venue (by the switch, or by a placement that resolved
   *     meanwhile)
   * @param cancelOnAcknowledgement placements still unresolved (pending here or on another replica,
   *     or UNKNOWN): each is canceled as soon as the venue acknowledges it; a rejected one needs
   *     nothing
   * @param notCanceled acknowledged orders whose cancel failed (retry the PUT; trading-api also
   *     retries every second)
   */
  public record StopOutcome(
      List<String> canceled, List<String> cancelOnAcknowledgement, List<String> notCanceled) {}

  /**
   * The kill switch's pass over an account's open orders, run after the switch is engaged (so every
   * placement from then on is refused): waits for this replica's placements in flight (at most the
   * connector's request timeout), then cancels every acknowledged order.
   */
  public StopOutcome cancelAllOpen(String accountId, String actor, String why) {
    long deadline = System.nanoTime() + placementWait.toNanos();
    List<String> canceled = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (TradeOrder open : orders.openOf(accountId)) {
      TradeOrder order = open;
      CompletableFuture<Void> pending = inFlight.get(order.id());
      if (pending != null) {
        awaitUntil(pending, deadline);
        order = orders.find(order.id()).orElse(order);
      }
      if (order.status() == OrderStatus.CANCELED) {
        canceled.add(order.clientOrderId() + ": canceled as its placement resolved");
      } else if (order.status() == OrderStatus.PENDING_NEW
          || order.status() == OrderStatus.UNKNOWN) {
        unresolved.add(
            order.clientOrderId()
                + ": placement unresolved ("
                + order.status()
                + "); canceled once the venue acknowledges it");
      } else if (order.status().isCancelable()) {
        try {
          TradeOrder after = cancel(order, actor, why);
          canceled.add(order.clientOrderId() + ": " + after.status());
        } catch (ApiProblem e) {
          if (!"ORDER_CLOSED".equals(e.reason())) {
            failed.add(order.clientOrderId() + ": " + e.getMessage());
          } else if (orders.find(order.id()).orElse(order).status() == OrderStatus.CANCELED) {
            // Canceled meanwhile by the enforcer or another replica's pass.
            canceled.add(order.clientOrderId() + ": CANCELED");
          }
        }
      }
      // Otherwise the order closed by itself (filled, rejected, expired): nothing to cancel.
    }
    return new StopOutcome(canceled, unresolved, failed);
  }

  private static void awaitUntil(CompletableFuture<Void> pending, long deadline) {
    try {
      pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Still unresolved: reported as such, and the enforcer cancels it once acknowledged.
    }
  }

  /**
   * The kill switch's enforcer: every second, cancels acknowledged open orders of stopped accounts
   * that nothing canceled yet — a placement resolved by the poller or pushed (UNKNOWN, or in flight
   * on another replica), a switch set by a replica that stopped before its cancel pass, a cancel
   * that failed.
   */
  @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.SECONDS)
  void enforceKillSwitches() {
    for (TradeOrder order : orders.acknowledgedOpenOfStoppedAccounts(100)) {
      if (inFlight.containsKey(order.id())) {
        continue; // its placement cancels it as it resolves
      }
      Account account = accounts.find(order.accountId()).orElseThrow();
      try {
        cancel(order, "trading-api", "kill switch engaged: " + account.killSwitchReason());
      } catch (ApiProblem e) {
        if (!"ORDER_CLOSED".equals(e.reason())) {
          log.warn("order {}: cancel for the kill switch failed: {}", order.id(), e.getMessage());
        }
      } catch (RuntimeException e) {
        log.warn("order {}: cancel for the kill switch failed", order.id(), e);
      }
    }
  }

  private TradeOrder cancel(TradeOrder order, String actor, String why) {
    return venueCancel.cancel(order, actor, why);
  }

  /** The account's order, or 404. */
  public TradeOrder get(String accountId, String clientOrderId) {
    return orders
        .find(accountId, clientOrderId)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "order " + clientOrderId + " does not exist on account " + accountId));
  }
}
