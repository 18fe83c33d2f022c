package io.alphintra.brokerconnector.order;

import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.ClockSynchronizer;
import io.alphintra.brokerconnector.venue.VenueClock;
import io.alphintra.brokerconnector.venue.VenueException;
import io.alphintra.brokerconnector.venue.VenueOutcomeUnknown;
import io.alphintra.brokerconnector.venue.VenueRejection;
import io.alphintra.brokerconnector.venue.VenueUnreachable;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs {@link PlacementPolicy} against the venue: look the id up (an earlier process may have
 * placed it; skipped when the caller vouches the id was never sent), send, and on an unknown
 * outcome look the order up by clientOrderId until it is found or provably absent, then (and only
 * then) send again.
 */
@Component
class OrderPlacement {

  private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);
  private static final long LOOKUP_RETRY_MILLIS = 250;

  private final BrokerGateway gateway;
  private final VenueClock clock;
  private final PlacementPolicy policy;
  private final OrderMetrics metrics;
  private final long deadlineMillis;
  private final Runnable clockResync;

  /**
   * Local time this process started: every request of an earlier connector process was signed
   * before it.
   */
  private final long startedAtLocalMillis;

  OrderPlacement(
      BrokerGateway gateway,
      VenueClock clock,
      BrokerProperties properties,
      OrderMetrics metrics,
      ClockSynchronizer clockSynchronizer) {
    this.gateway = gateway;
    this.clock = clock;
    this.policy =
        new PlacementPolicy(
            properties.recvWindow().toMillis(), properties.resendSettleMargin().toMillis());
    this.metrics = metrics;
    this.deadlineMillis = properties.placementDeadline().toMillis();
    this.clockResync = clockSynchronizer::synchronizeClock;
    this.startedAtLocalMillis = clock.localMillis();
  }

  /**
   * What a placement established.
   *
   * @param order the venue's state, or an UNKNOWN-status order when the deadline passed unresolved
   * @param sentByUs false when the venue already held this clientOrderId before this call sent
   *     anything
   */
  record Outcome(BrokerOrder order, boolean sentByUs) {}

  /**
   * Places the order exactly once, across connector restarts too.
   *
   * @throws VenueRejection when the venue definitively refused it
   * @throws RateLimitWaitExceeded when no budget was free before anything was sent
   * @throws OrderProblem {@code NOT_CONNECTED} when the venue could not be asked before anything
   *     was sent
   */
  Outcome place(OrderRequest request) {
    long giveUpAt = clock.localMillis() + deadlineMillis;
    long lastSignedAt = clock.toVenueMillis(startedAtLocalMillis);
    // False until a send may have reached the matching engine: until then every failure may release
    // the id.
    boolean mayHaveExecuted = false;
    int sends = 0;
    PlacementPolicy.Step step = policy.beforeFirstSend(clock.now(), request.neverSentBefore());
    while (true) {
      switch (step) {
        case PlacementPolicy.Step.Done done -> {
          if (!mayHaveExecuted && done.recovered()) {
            metrics.recovered("venue", 1);
            log.info(
                "Order {} is already on the venue ({}): placed before, not sent again",
                request.clientOrderId(),
                done.order().status());
            return new Outcome(done.order(), false);
          }
          if (done.recovered()) {
            metrics.recovered("reconciliation", 1);
            log.info(
                "Order {} found on the venue after an unknown outcome ({})",
                request.clientOrderId(),
                done.order().status());
          }
          metrics.placed();
          return new Outcome(done.order(), true);
        }
        case PlacementPolicy.Step.Reject reject -> throw reject.rejection();
        case PlacementPolicy.Step.Send send -> {
          if (clock.localMillis() >= giveUpAt) {
            return unresolved(request, mayHaveExecuted);
          }
          if (sends++ > 0) {
            metrics.resent();
          }
          try {
            step = policy.afterAccepted(gateway.place(request));
          } catch (RateLimitWaitExceeded noBudget) {
            if (!mayHaveExecuted) {
              throw noBudget; // nothing ever left: the caller may simply retry later
            }
            step = policy.afterLookupFailed(clock.now(), LOOKUP_RETRY_MILLIS);
          } catch (VenueUnreachable unreachable) {
            if (!mayHaveExecuted) {
              throw notConnected(request, unreachable.getMessage());
            }
            step = policy.afterSendFailed(unreachable, clock.now());
          } catch (VenueException failure) {
            lastSignedAt =
                Math.max(
                    lastSignedAt,
                    failure instanceof VenueOutcomeUnknown unknown
                        ? unknown.signedAtVenueMillis()
                        : clock.now());
            if (failure.code() == VenueRejection.TIMESTAMP_OUTSIDE_RECV_WINDOW) {
              clockResync.run();
            }
            if (failure instanceof VenueOutcomeUnknown) {
              mayHaveExecuted = true;
              log.info(
                  "Outcome of order {} unknown ({}); looking it up before any resend",
                  request.clientOrderId(),
                  failure.getMessage());
            }
            step = policy.afterSendFailed(failure, clock.now());
          } catch (RuntimeException unreadable) {
            // The venue answered in a form we do not know (e.g. a new enum value): it may have
            // accepted the order, so this is an unknown outcome, never a refusal.
            mayHaveExecuted = true;
            lastSignedAt = Math.max(lastSignedAt, clock.now());
            log.warn(
                "The venue's answer to order {} could not be read ({}: {}); looking the order up",
                request.clientOrderId(),
                unreadable.getClass().getSimpleName(),
                unreadable.getMessage());
            step = policy.afterUnreadableAnswer(clock.now());
          }
        }
        case PlacementPolicy.Step.Lookup lookup -> {
          if (clock.localMillis() >= giveUpAt) {
            return unresolved(request, mayHaveExecuted);
          }
          long wait = lookup.notBeforeVenueMillis() - clock.now();
          if (wait > 0) {
            try {
              Thread.sleep(Math.min(wait, Math.max(1, giveUpAt - clock.localMillis())));
            } catch (InterruptedException shutdown) {
              // An earlier attempt may be live: report UNKNOWN rather than forget the order.
              Thread.currentThread().interrupt();
              return unresolved(request, mayHaveExecuted);
            }
            if (clock.now() < lookup.notBeforeVenueMillis()) {
              continue;
            }
          }
          long sentAt = clock.now();
          try {
            Optional<BrokerOrder> found = gateway.find(request.symbol(), request.clientOrderId());
            step = policy.afterLookup(found, sentAt, lastSignedAt);
          } catch (VenueUnreachable unreachable) {
            if (!mayHaveExecuted) {
              throw notConnected(request, unreachable.getMessage());
            }
            step = policy.afterLookupFailed(clock.now(), LOOKUP_RETRY_MILLIS);
          } catch (VenueRejection | RateLimitWaitExceeded refused) {
            if (!mayHaveExecuted) {
              throw refused; // e.g. our keys refused, or no budget: nothing was sent
            }
            step = policy.afterLookupFailed(clock.now(), LOOKUP_RETRY_MILLIS);
          } catch (RuntimeException failure) {
            // Timeouts, 5xx, answers we cannot read: a lookup has no side effect, ask again.
            step = policy.afterLookupFailed(clock.now(), LOOKUP_RETRY_MILLIS);
          }
        }
      }
    }
  }

  /**
   * The deadline passed: UNKNOWN when a send may have executed, otherwise a refusal that releases
   * the id.
   */
  private Outcome unresolved(OrderRequest request, boolean mayHaveExecuted) {
    if (!mayHaveExecuted) {
      throw notConnected(
          request,
          "the venue did not confirm within " + deadlineMillis + " ms whether it already holds it");
    }
    log.warn(
        "Order {} still unresolved after {} ms; reporting UNKNOWN, reads keep reconciling",
        request.clientOrderId(),
        deadlineMillis);
    return new Outcome(BrokerOrder.unknown(request), true);
  }

  private static OrderProblem notConnected(OrderRequest request, String why) {
    return new OrderProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "NOT_CONNECTED",
        "order "
            + request.clientOrderId()
            + " was not sent: "
            + why
            + "; retry it with the same clientOrderId");
  }

  /** Whether a lookup now can prove absence of an order whose placement ended unresolved. */
  boolean absenceIsConclusive(long lastAttemptVenueMillis) {
    return clock.now() >= policy.settledAt(lastAttemptVenueMillis);
  }
}
