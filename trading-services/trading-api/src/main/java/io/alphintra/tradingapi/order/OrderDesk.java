package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.Accounts;
import io.alphintra.tradingapi.broker.ConnectorClient;
import io.alphintra.tradingapi.fill.Fills;
import io.alphintra.tradingapi.instrument.Instrument;
import io.alphintra.tradingapi.instrument.Instruments;
import io.alphintra.tradingapi.order.OrderMetrics.Result;
import io.alphintra.tradingapi.risk.OrderIntent;
import io.alphintra.tradingapi.risk.OrderRateLimiter;
import io.alphintra.tradingapi.risk.PreTradeRisk;
import io.alphintra.tradingapi.risk.RiskRejection;
import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.web.ApiProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places and cancels orders. A placement runs pre-trade risk and records the order as PENDING_NEW
 * while its account row is locked (so the checks of one account see each other's orders and a
 * clientOrderId is inserted once), then sends it to the account's connector and records what the
 * venue answered ({@link VenuePlacement}). Concurrent retries of one clientOrderId wait for that
 * first outcome ({@link InFlightPlacements}); a cancel goes through {@link VenueCancel}, the kill
 * switch's cancels through {@link KillSwitchEnforcer}.
 */
@Service
public class OrderDesk {

  private final Accounts accounts;
  private final Orders orders;
  private final Instruments instruments;
  private final ConnectorClient connectors;
  private final Fills fills;
  private final OrderRateLimiter rate;
  private final OrderMetrics metrics;
  private final PlacementGate gate;
  private final TransactionTemplate tx;
  private final InFlightPlacements inFlight;
  private final VenuePlacement venue;
  private final VenueCancel venueCancel;
  private final KillSwitchEnforcer killSwitch;
  private final Clock clock;

  OrderDesk(
      Accounts accounts,
      Orders orders,
      Instruments instruments,
      ConnectorClient connectors,
      Fills fills,
      OrderRateLimiter rate,
      OrderMetrics metrics,
      PlacementGate gate,
      TransactionTemplate tx,
      InFlightPlacements inFlight,
      VenuePlacement venue,
      VenueCancel venueCancel,
      KillSwitchEnforcer killSwitch,
      Clock clock) {
    this.accounts = accounts;
    this.orders = orders;
    this.instruments = instruments;
    this.connectors = connectors;
    this.fills = fills;
    this.rate = rate;
    this.metrics = metrics;
    this.gate = gate;
    this.tx = tx;
    this.inFlight = inFlight;
    this.venue = venue;
    this.venueCancel = venueCancel;
    this.killSwitch = killSwitch;
    this.clock = clock;
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
    if (clientOrderId != null && inFlight.containsClientOrderId(accountId, clientOrderId)) {
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
      proposed = OrderProposal.of(caller, account, request, instrument, clock.instant());
    } catch (ApiProblem e) {
      metrics.order(Result.INVALID);
      throw e;
    }
    if (admission == Admission.RETRY_OF_IN_FLIGHT) {
      // Known to retry a placement in flight here: its outcome, without the account's lock.
      Optional<TradeOrder> existing = orders.find(account.id(), proposed.clientOrderId());
      if (existing.isPresent()) {
        TradeOrder first = firstOutcome(existing.get(), proposed);
        if (first.status() != OrderStatus.NOT_SENT) {
          metrics.order(Result.DUPLICATE);
          return new Placed(first, false);
        }
        // The attempt it waited for reached no venue: that is its answer; the next retry sends it.
        metrics.order(Result.NOT_SENT);
        throw notSent(first.clientOrderId(), first);
      }
      // Not committed yet: decided under the account's lock below.
    }
    // Any other request is taken for a new order: the insert's unique key (account,
    // clientOrderId) says whether it is one, and only then is the existing order read.
    Optional<BigDecimal> lastPrice =
        admission == Admission.SLOT && OrderProposal.needsLastPrice(account, proposed)
            ? connectors.lastPrice(account.brokerConnection(), proposed.symbol())
            : Optional.empty();
    Decision decision =
        tx.execute(status -> decide(caller, account, proposed, admission, lastPrice));
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
          outcome = killSwitch.cancelIfStopped(venue.send(c.order(), c.firstAttempt()));
        } finally {
          inFlight.end(c.order(), c.done());
        }
        if (outcome.status() == OrderStatus.NOT_SENT) {
          throw notSent(outcome.clientOrderId(), outcome);
        }
        yield new Placed(outcome, true);
      }
    };
  }

  /**
   * Under the account's row lock: pre-trade risk, then the order inserted PENDING_NEW and
   * registered in flight, unless the unique key (account, clientOrderId) says it exists: then that
   * order (sent again when it was NOT_SENT). A refused request gets the existing order too, if
   * there is one. A retry of a placement in flight here only reads the order.
   */
  private Decision decide(
      Caller caller,
      Account account,
      TradeOrder proposed,
      Admission admission,
      Optional<BigDecimal> lastPrice) {
    Account locked = accounts.lock(account.id()).orElseThrow();
    if (admission == Admission.RETRY_OF_IN_FLIGHT) {
      Optional<TradeOrder> again = orders.find(account.id(), proposed.clientOrderId());
      if (again.isPresent() && again.get().status() != OrderStatus.NOT_SENT) {
        return new Existing(again.get());
      }
      // Sending needs a slot: the attempt this retry waited for ended unsent meanwhile.
      return new NotResent(proposed.clientOrderId(), again.orElse(null));
    }
    Orders.Exposure exposure = orders.exposure(locked.id(), proposed.symbol());
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
                exposure.openOrders(),
                exposure.position())
            .or(() -> rate.acquire(locked));
    if (rejection.isPresent()) {
      // A retry of a recorded order gets its first outcome, whatever the limits say now.
      return orders
          .find(account.id(), proposed.clientOrderId())
          .filter(order -> order.status() != OrderStatus.NOT_SENT)
          .<Decision>map(Existing::new)
          .orElseGet(() -> new Refused(rejection.get()));
    }
    // Inserted under the account lock: no other placement has this order, or sent it.
    if (orders.insert(proposed, caller.subject(), "placed; pre-trade risk passed")) {
      fills.follow(proposed.brokerConnection(), proposed.symbol(), proposed.createdAt());
      return new Created(proposed, true, inFlight.begin(proposed));
    }
    TradeOrder again = orders.find(account.id(), proposed.clientOrderId()).orElseThrow();
    if (again.status() != OrderStatus.NOT_SENT) {
      return new Existing(again);
    }
    // Its earlier attempt reached no venue: the same order (and venue id) goes now; pre-trade risk
    // above weighed it (a NOT_SENT order holds no risk).
    Instant now = clock.instant();
    orders.resend(again.id(), now);
    orders.appendEvent(
        again.id(),
        now,
        caller.subject(),
        OrderStatus.NOT_SENT,
        OrderStatus.PENDING_NEW,
        "placed again (the earlier attempt was not sent); pre-trade risk passed");
    TradeOrder sending = orders.find(again.id()).orElseThrow();
    return new Created(sending, false, inFlight.begin(sending));
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

  /**
   * The first outcome of a clientOrderId: after its placement, if in flight here, finished (or
   * after the placement's own bound, the connector's request timeout + 1 s; then its state as it
   * is).
   */
  private TradeOrder firstOutcome(TradeOrder existing, TradeOrder proposed) {
    if (!OrderProposal.sameOrder(existing, proposed)) {
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
    // The first request's own answer reports what went wrong; a retry reports the state.
    inFlight.awaitAsRetry(existing.id());
    return orders.find(existing.id()).orElseThrow();
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
    return venueCancel.cancel(order, caller.subject(), "cancel requested by " + caller.subject());
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
