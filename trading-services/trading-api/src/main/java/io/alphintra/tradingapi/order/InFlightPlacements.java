package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.broker.ConnectorProperties;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The placements this process has sent and not yet recorded an answer for, by order id and by
 * (account, clientOrderId): what retries of a clientOrderId and the kill switch's pass wait for,
 * each at most one placement's own bound (the connector's request timeout + 1 s).
 */
@Component
class InFlightPlacements {

  private final Map<UUID, CompletableFuture<Void>> byOrder = new ConcurrentHashMap<>();
  // The same placements by (account, clientOrderId): a retry of one of them needs no gate slot.
  private final Map<String, CompletableFuture<Void>> byClientOrderId = new ConcurrentHashMap<>();
  private final AtomicInteger retriesWaiting = new AtomicInteger();
  private final Duration placementWait;

  InFlightPlacements(ConnectorProperties broker, OrderMetrics metrics) {
    // A placement in flight is answered within the connector's request timeout.
    this.placementWait = broker.requestTimeout().plusSeconds(1);
    metrics.retriesWaiting(retriesWaiting::get);
  }

  /** A placement of {@code order} goes out; {@link #end} must follow. */
  CompletableFuture<Void> begin(TradeOrder order) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    byOrder.put(order.id(), done);
    byClientOrderId.put(clientKey(order.accountId(), order.clientOrderId()), done);
    return done;
  }

  /** The placement's outcome is recorded: whatever waits for it goes on. */
  void end(TradeOrder order, CompletableFuture<Void> done) {
    byOrder.remove(order.id());
    byClientOrderId.remove(clientKey(order.accountId(), order.clientOrderId()));
    done.complete(null);
  }

  boolean contains(UUID orderId) {
    return byOrder.containsKey(orderId);
  }

  /** Whether a placement of the account's {@code clientOrderId} is in flight here. */
  boolean containsClientOrderId(String accountId, String clientOrderId) {
    return byClientOrderId.containsKey(clientKey(accountId, clientOrderId));
  }

  /** A deadline (in {@link System#nanoTime()}) one placement's bound from now. */
  long deadline() {
    return System.nanoTime() + placementWait.toNanos();
  }

  /**
   * Waits, as a client's retry, for the order's placement if it is in flight here, at most one
   * placement's bound (counted in {@code trading_placement_retries_waiting}).
   */
  void awaitAsRetry(UUID orderId) {
    CompletableFuture<Void> pending = byOrder.get(orderId);
    if (pending != null) {
      retriesWaiting.incrementAndGet();
      try {
        awaitUntil(pending, deadline());
      } finally {
        retriesWaiting.decrementAndGet();
      }
    }
  }

  /** Waits for the order's placement if it is in flight here, until {@code deadline}. */
  boolean await(UUID orderId, long deadline) {
    CompletableFuture<Void> pending = byOrder.get(orderId);
    if (pending == null) {
      return false;
    }
    awaitUntil(pending, deadline);
    return true;
  }

  private static void awaitUntil(CompletableFuture<Void> pending, long deadline) {
    try {
      pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Still unresolved: the caller reports the order's state as it is.
    }
  }

  private static String clientKey(String accountId, String clientOrderId) {
    return accountId + '\u0000' + clientOrderId;
  }
}
