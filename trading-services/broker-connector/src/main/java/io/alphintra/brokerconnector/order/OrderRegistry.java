package io.alphintra.brokerconnector.order;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The orders this connector knows, by clientOrderId. A placement claims its id here first, so two
 * concurrent requests with the same id share one placement instead of racing to the venue.
 */
@org.springframework.stereotype.Component
public class OrderRegistry {

  private final ConcurrentHashMap<String, TrackedOrder> orders = new ConcurrentHashMap<>();
  private volatile Consumer<BrokerOrder> changes = order -> {};

  /**
   * Where every new state of an order goes once the registry holds it (the execution journal): a
   * placement's answer, a pushed or recovered state, a read that found the order further along.
   * States only move forward (see {@link #older}), so one order's states arrive in the order the
   * venue reached them.
   */
  public void onChange(Consumer<BrokerOrder> listener) {
    this.changes = listener;
  }

  private void changed(BrokerOrder previous, BrokerOrder next) {
    if (next.status() != OrderStatus.UNKNOWN && !next.equals(previous)) {
      changes.accept(next);
    }
  }

  /** One order: the request that created it (null when rediscovered) and its latest state. */
  public static final class TrackedOrder {
    private final OrderRequest request;
    private final CompletableFuture<BrokerOrder> placement = new CompletableFuture<>();
    private volatile BrokerOrder latest;

    /** The latest state the feed pushed while the placement was still in progress. */
    private BrokerOrder pushedDuringPlacement;

    /**
     * The feed stretch ({@link FeedContinuity}) since whose start every state of this order reached
     * the registry; {@link FeedContinuity#NONE} when none is known.
     */
    private volatile long followedIn = FeedContinuity.NONE;

    /** Venue time at which its placement ended UNKNOWN; 0 otherwise. */
    volatile long unresolvedAtVenue;

    TrackedOrder(OrderRequest request, BrokerOrder latest) {
      this.request = request;
      this.latest = latest;
    }

    public Optional<OrderRequest> request() {
      return Optional.ofNullable(request);
    }

    public BrokerOrder latest() {
      return latest;
    }

    CompletableFuture<BrokerOrder> placement() {
      return placement;
    }

    /**
     * Whether {@link #latest()} is the order's latest state: it was learned in the feed stretch
     * that is still live, so every later change has been pushed to the registry since.
     */
    public boolean followedIn(long liveStretch) {
      return liveStretch != FeedContinuity.NONE
          && followedIn == liveStretch
          && latest.status() != OrderStatus.UNKNOWN;
    }

    private void learnedIn(long stretch) {
      if (stretch != FeedContinuity.NONE) {
        followedIn = stretch;
      }
    }
  }

  /** The claim: {@code owner} is true for the caller that must place the order. */
  record Claim(TrackedOrder order, boolean owner) {}

  Claim claim(OrderRequest request) {
    TrackedOrder fresh = new TrackedOrder(request, BrokerOrder.unknown(request));
    TrackedOrder existing = orders.putIfAbsent(request.clientOrderId(), fresh);
    return existing == null ? new Claim(fresh, true) : new Claim(existing, false);
  }

  /**
   * Records a state read from the venue; a first sight (e.g. at startup) registers the order. A
   * read never replaces a later state the feed pushed meanwhile. {@code readInStretch} is the feed
   * stretch that was live when the read was sent (or {@link FeedContinuity#NONE}): from then on the
   * feed pushes every change, so the order counts as followed in it.
   */
  void update(BrokerOrder order, long readInStretch) {
    orders.compute(
        order.clientOrderId(),
        (id, known) -> {
          if (known == null) {
            TrackedOrder discovered = new TrackedOrder(null, order);
            discovered.placement.complete(order);
            discovered.learnedIn(readInStretch);
            changed(null, order);
            return discovered;
          }
          synchronized (known) {
            BrokerOrder previous = known.latest;
            if (!older(order, previous)) {
              known.latest = order;
              changed(previous, order);
            }
            if (known.placement.isDone()) {
              known.learnedIn(readInStretch);
            }
          }
          return known;
        });
  }

  /**
   * Records a state the venue pushed (its user-data feed). A state never replaces a later one: it
   * must have filled at least as much, and a closed order never reopens. An order whose placement
   * is still in progress is left to that placement, which settles it from the venue's answer and
   * then takes the latest state pushed meanwhile, if that is further along; an order the connector
   * did not know (placed elsewhere on the account) is registered.
   *
   * @return whether the registry took the state now
   */
  public boolean followVenue(BrokerOrder pushed) {
    boolean[] taken = {false};
    orders.compute(
        pushed.clientOrderId(),
        (id, known) -> {
          if (known == null) {
            TrackedOrder discovered = new TrackedOrder(null, pushed);
            discovered.placement.complete(pushed);
            taken[0] = true;
            changed(null, pushed);
            return discovered;
          }
          synchronized (known) {
            if (!known.placement.isDone()) {
              BrokerOrder held = known.pushedDuringPlacement;
              if (held == null || !older(pushed, held)) {
                known.pushedDuringPlacement = pushed;
              }
            } else if (!older(pushed, known.latest)) {
              BrokerOrder previous = known.latest;
              known.latest = pushed;
              taken[0] = true;
              changed(previous, pushed);
            }
          }
          return known;
        });
    return taken[0];
  }

  /** Whether {@code pushed} is an earlier state of the order than {@code latest}. */
  static boolean older(BrokerOrder pushed, BrokerOrder latest) {
    if (latest.status() == OrderStatus.UNKNOWN) {
      return false;
    }
    int filled = pushed.executedQuantity().compareTo(latest.executedQuantity());
    if (filled != 0) {
      return filled < 0;
    }
    if (!latest.status().isOpen() && pushed.status().isOpen()) {
      return true;
    }
    return pushed.updateTime() < latest.updateTime();
  }

  /**
   * Where to re-read a symbol's order states after the venue's feed was away: the lowest venue
   * order id of its orders still open here, else the one after the highest known; empty when no
   * order of the symbol has a venue order id.
   */
  public OptionalLong recoveryStart(String symbol) {
    long lowestOpen = Long.MAX_VALUE;
    long highest = -1;
    for (TrackedOrder order : orders.values()) {
      BrokerOrder latest = order.latest;
      if (!latest.symbol().equals(symbol) || latest.venueOrderId() < 0) {
        continue;
      }
      highest = Math.max(highest, latest.venueOrderId());
      if (latest.status().isOpen()) {
        lowestOpen = Math.min(lowestOpen, latest.venueOrderId());
      }
    }
    if (highest < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(lowestOpen != Long.MAX_VALUE ? lowestOpen : highest + 1);
  }

  /** The order the venue knows by {@code venueOrderId}, if this connector knows it. */
  public Optional<TrackedOrder> findByVenueOrderId(long venueOrderId) {
    if (venueOrderId < 0) {
      return Optional.empty();
    }
    return orders.values().stream()
        .filter(order -> order.latest.venueOrderId() == venueOrderId)
        .findFirst();
  }

  /**
   * Completes a placement; the order stays registered so a repeat returns it. {@code sentInStretch}
   * is the feed stretch that was live before the order was sent (or {@link FeedContinuity#NONE}):
   * the feed pushes every change of the order in it.
   */
  void settle(TrackedOrder order, BrokerOrder state, long sentInStretch) {
    synchronized (order) {
      BrokerOrder previous = order.latest;
      order.latest = state;
      // Before completing: pushed states are only taken after it, so they cannot overtake this
      // one.
      changed(previous, state);
      order.placement.complete(state);
      BrokerOrder pushed = order.pushedDuringPlacement;
      order.pushedDuringPlacement = null;
      if (state.status() == OrderStatus.UNKNOWN) {
        return; // not known yet: reads reconcile it
      }
      if (pushed != null && !older(pushed, state)) {
        // The feed was faster than the venue's answer (e.g. a resting order filled at once).
        order.latest = pushed;
        changed(state, pushed);
      }
      order.learnedIn(sentInStretch);
    }
  }

  /** Forgets a placement the venue refused, so the id can be used again with a corrected order. */
  void release(TrackedOrder order, RuntimeException refusal) {
    orders.remove(order.latest.clientOrderId(), order);
    order.placement.completeExceptionally(refusal);
  }

  /** Drops an order proven never to have reached the venue. */
  void forget(TrackedOrder order) {
    orders.remove(order.latest.clientOrderId(), order);
  }

  public Optional<TrackedOrder> find(String clientOrderId) {
    return Optional.ofNullable(orders.get(clientOrderId));
  }

  public Collection<TrackedOrder> all() {
    return orders.values();
  }
}
