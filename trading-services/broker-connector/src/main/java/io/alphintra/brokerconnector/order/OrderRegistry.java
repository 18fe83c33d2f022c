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
  }

  /** The claim: {@code owner} is true for the caller that must place the order. */
  record Claim(TrackedOrder order, boolean owner) {}

  Claim claim(OrderRequest request) {
    TrackedOrder fresh = new TrackedOrder(request, BrokerOrder.unknown(request));
    TrackedOrder existing = orders.putIfAbsent(request.clientOrderId(), fresh);
    return existing == null ? new Claim(fresh, true) : new Claim(existing, false);
  }

  /** Records the venue's latest state; a first sight (e.g. at startup) registers the order. */
  void update(BrokerOrder order) {
    orders.compute(
        order.clientOrderId(),
        (id, known) -> {
          if (known == null) {
            TrackedOrder discovered = new TrackedOrder(null, order);
            discovered.placement.complete(order);
            changed(null, order);
            return discovered;
          }
          BrokerOrder previous = known.latest;
          known.latest = order;
          if (!older(order, previous)) {
            changed(previous, order);
          }
          return known;
        });
  }

  /**
   * Records a state the venue pushed (its user-data feed). A state never replaces a later one: it
   * must have filled at least as much, and a closed order never reopens. An order whose placement
   * is still in progress is left to that placement, which settles it from the venue's answer; an
   * order the connector did not know (placed elsewhere on the account) is registered.
   *
   * @return whether the registry took the state
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
          if (known.placement.isDone() && !older(pushed, known.latest)) {
            BrokerOrder previous = known.latest;
            known.latest = pushed;
            taken[0] = true;
            changed(previous, pushed);
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

  /** Completes a placement; the order stays registered so a repeat returns it. */
  void settle(TrackedOrder order, BrokerOrder state) {
    BrokerOrder previous = order.latest;
    order.latest = state;
    // Before completing: pushed states are only taken after it, so they cannot overtake this one.
    changed(previous, state);
    order.placement.complete(state);
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
