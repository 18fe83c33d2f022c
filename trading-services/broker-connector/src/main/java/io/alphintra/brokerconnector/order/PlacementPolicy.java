package io.alphintra.brokerconnector.order;

import io.alphintra.brokerconnector.venue.VenueException;
import io.alphintra.brokerconnector.venue.VenueOutcomeUnknown;
import io.alphintra.brokerconnector.venue.VenueRateLimited;
import io.alphintra.brokerconnector.venue.VenueRejection;
import io.alphintra.brokerconnector.venue.VenueUnreachable;
import java.util.Optional;

/**
 * The exactly-once rules, free of I/O so they can be tested exhaustively.
 *
 * <p>An order is sent again only when the venue has confirmed it does not exist <em>and</em> that
 * confirmation came from a lookup sent after the last attempt's {@code timestamp + recvWindow +
 * margin}: from then on the venue refuses the earlier request (-1021), so it cannot turn up later
 * next to the resent one. A lookup before that moment proves nothing: the earlier request may still
 * be queued in front of the matching engine.
 *
 * <p>The first send of an id is preceded by a lookup too ({@link #beforeFirstSend}): an earlier
 * connector process may have placed it, and its requests were all signed before this process
 * started, so that start is the "last attempt" the lookup has to wait out. A caller that created
 * the id for this very request (trading-api for a new order) vouches that nothing was ever sent
 * with it: that first send goes without the lookup, which would cost a venue round trip per order.
 */
public final class PlacementPolicy {

  private final long recvWindowMillis;
  private final long settleMarginMillis;

  public PlacementPolicy(long recvWindowMillis, long settleMarginMillis) {
    this.recvWindowMillis = recvWindowMillis;
    this.settleMarginMillis = settleMarginMillis;
  }

  /** What to do next. */
  public sealed interface Step {
    /** The venue holds the order: report this state. {@code recovered} when found by lookup. */
    record Done(BrokerOrder order, boolean recovered) implements Step {}

    /** The venue definitively refused the order. */
    record Reject(VenueRejection rejection) implements Step {}

    /** Send the order (again): it definitively did not reach the book. */
    record Send() implements Step {}

    /** Look the order up by clientOrderId, not before {@code notBeforeVenueMillis}. */
    record Lookup(long notBeforeVenueMillis) implements Step {}
  }

  /**
   * Before the first send of an id this process has not seen: ask the venue whether it holds it
   * already, unless the caller vouches that the id was never sent ({@code neverSentBefore}).
   */
  public Step beforeFirstSend(long nowVenueMillis, boolean neverSentBefore) {
    return neverSentBefore ? new Step.Send() : new Step.Lookup(nowVenueMillis);
  }

  /** After {@code POST /api/v3/order} succeeded. */
  public Step afterAccepted(BrokerOrder order) {
    return new Step.Done(order, false);
  }

  /** After {@code POST /api/v3/order} failed with {@code failure}. */
  public Step afterSendFailed(VenueException failure, long nowVenueMillis) {
    return switch (failure) {
      // Refused before execution: the limiter now holds everyone back until Retry-After.
      case VenueRateLimited limited -> new Step.Send();
      // A duplicate means an order with this id is open: it is ours from an earlier attempt.
      case VenueRejection rejection when rejection.isDuplicateOrder() ->
          new Step.Lookup(nowVenueMillis);
      // Stale timestamp: refused unexecuted; the caller resynchronizes the clock first.
      case VenueRejection rejection
          when rejection.code() == VenueRejection.TIMESTAMP_OUTSIDE_RECV_WINDOW ->
          new Step.Send();
      case VenueRejection rejection -> new Step.Reject(rejection);
      case VenueOutcomeUnknown unknown -> new Step.Lookup(nowVenueMillis);
      // Not sent at all; earlier attempts may be live, and a lookup is harmless, so look first.
      case VenueUnreachable unreachable -> new Step.Lookup(nowVenueMillis);
    };
  }

  /**
   * After {@code POST /api/v3/order} was answered with something we cannot read (an enum value we
   * do not know, a missing field): the venue may well have accepted it, so it is an unknown
   * outcome.
   */
  public Step afterUnreadableAnswer(long nowVenueMillis) {
    return new Step.Lookup(nowVenueMillis);
  }

  /**
   * After a lookup sent at {@code lookupSentAtVenueMillis} answered {@code found}, for an order
   * whose latest send was signed at {@code lastSignedAtVenueMillis}.
   */
  public Step afterLookup(
      Optional<BrokerOrder> found, long lookupSentAtVenueMillis, long lastSignedAtVenueMillis) {
    if (found.isPresent()) {
      return new Step.Done(found.get(), true);
    }
    long settled = settledAt(lastSignedAtVenueMillis);
    if (lookupSentAtVenueMillis >= settled) {
      return new Step.Send();
    }
    return new Step.Lookup(settled);
  }

  /** After a lookup itself failed: try again shortly (the limiter paces it). */
  public Step afterLookupFailed(long nowVenueMillis, long retryDelayMillis) {
    return new Step.Lookup(nowVenueMillis + retryDelayMillis);
  }

  /** The venue time after which a request signed at {@code signedAt} can no longer be executed. */
  public long settledAt(long signedAtVenueMillis) {
    return signedAtVenueMillis + recvWindowMillis + settleMarginMillis;
  }
}
