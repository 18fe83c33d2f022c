package io.alphintra.brokerconnector.order;

import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.ClockSynchronizer;
import io.alphintra.brokerconnector.venue.VenueClock;
import io.alphintra.brokerconnector.venue.VenueException;
import io.alphintra.brokerconnector.venue.VenueOutcomeUnknown;
import io.alphintra.brokerconnector.venue.VenueRejection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link PlacementPolicy} against the venue: send, and on an unknown outcome look the order
 * up by clientOrderId until it is found or provably absent, then (and only then) send again.
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

    OrderPlacement(BrokerGateway gateway, VenueClock clock, BrokerProperties properties, OrderMetrics metrics,
                   ClockSynchronizer clockSynchronizer) {
        this.gateway = gateway;
        this.clock = clock;
        this.policy = new PlacementPolicy(properties.recvWindow().toMillis(), properties.resendSettleMargin().toMillis());
        this.metrics = metrics;
        this.deadlineMillis = properties.placementDeadline().toMillis();
        this.clockResync = clockSynchronizer::synchronizeClock;
    }

    /**
     * Places the order exactly once.
     *
     * @return the venue's state, or an UNKNOWN-status order when the deadline passed unresolved
     * @throws VenueRejection when the venue definitively refused it
     */
    BrokerOrder place(OrderRequest request) {
        long giveUpAt = clock.localMillis() + deadlineMillis;
        long lastSignedAt = Long.MIN_VALUE;
        int sends = 0;
        PlacementPolicy.Step step = new PlacementPolicy.Step.Send();
        while (true) {
            switch (step) {
                case PlacementPolicy.Step.Done done -> {
                    if (done.recovered()) {
                        metrics.recovered("reconciliation", 1);
                        log.info("Order {} found on the venue after an unknown outcome ({})", request.clientOrderId(),
                                done.order().status());
                    }
                    metrics.placed();
                    return done.order();
                }
                case PlacementPolicy.Step.Reject reject -> throw reject.rejection();
                case PlacementPolicy.Step.Send send -> {
                    if (clock.localMillis() >= giveUpAt) {
                        return unresolved(request);
                    }
                    if (sends++ > 0) {
                        metrics.resent();
                    }
                    try {
                        step = policy.afterAccepted(gateway.place(request));
                    } catch (RateLimitWaitExceeded noBudget) {
                        if (lastSignedAt == Long.MIN_VALUE) {
                            throw noBudget; // nothing ever left: the caller may simply retry later
                        }
                        step = policy.afterLookupFailed(clock.now(), LOOKUP_RETRY_MILLIS);
                    } catch (VenueException failure) {
                        lastSignedAt = Math.max(lastSignedAt, failure instanceof VenueOutcomeUnknown unknown
                                ? unknown.signedAtVenueMillis() : clock.now());
                        if (failure.code() == VenueRejection.TIMESTAMP_OUTSIDE_RECV_WINDOW) {
                            clockResync.run();
                        }
                        if (failure instanceof VenueOutcomeUnknown) {
                            log.info("Outcome of order {} unknown ({}); looking it up before any resend",
                                    request.clientOrderId(), failure.getMessage());
                        }
                        step = policy.afterSendFailed(failure, clock.now());
                    }
                }
                case PlacementPolicy.Step.Lookup lookup -> {
                    if (clock.localMillis() >= giveUpAt) {
                        return unresolved(request);
                    }
                    long wait = lookup.notBeforeVenueMillis() - clock.now();
                    if (wait > 0) {
                        try {
                            Thread.sleep(Math.min(wait, Math.max(1, giveUpAt - clock.localMillis())));
                        } catch (InterruptedException shutdown) {
                            // An earlier attempt may be live: report UNKNOWN rather than forget the order.
                            Thread.currentThread().interrupt();
                            return unresolved(request);
                        }
                        if (clock.now() < lookup.notBeforeVenueMillis()) {
                            continue;
                        }
                    }
                    long sentAt = clock.now();
                    try {
                        Optional<BrokerOrder> found = gateway.find(request.symbol(), request.clientOrderId());
                        step = policy.afterLookup(found, sentAt, lastSignedAt);
                    } catch (VenueException | RateLimitWaitExceeded failure) {
                        step = policy.afterLookupFailed(clock.now(), LOOKUP_RETRY_MILLIS);
                    }
                }
            }
        }
    }

    private BrokerOrder unresolved(OrderRequest request) {
        log.warn("Order {} still unresolved after {} ms; reporting UNKNOWN, reads keep reconciling",
                request.clientOrderId(), deadlineMillis);
        return BrokerOrder.unknown(request);
    }

    /** Whether a lookup now can prove absence of an order whose placement ended unresolved. */
    boolean absenceIsConclusive(long lastAttemptVenueMillis) {
        return clock.now() >= policy.settledAt(lastAttemptVenueMillis);
    }
}
