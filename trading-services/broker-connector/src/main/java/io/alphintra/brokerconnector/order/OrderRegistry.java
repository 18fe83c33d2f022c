package io.alphintra.brokerconnector.order;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The orders this connector knows, by clientOrderId. A placement claims its id here first, so two
 * concurrent requests with the same id share one placement instead of racing to the venue.
 */
@org.springframework.stereotype.Component
public class OrderRegistry {

  private final ConcurrentHashMap<String, TrackedOrder> orders = new ConcurrentHashMap<>();

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
            return discovered;
          }
          known.latest = order;
          return known;
        });
  }

  /** Completes a placement; the order stays registered so a repeat returns it. */
  void settle(TrackedOrder order, BrokerOrder state) {
    order.latest = state;
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
