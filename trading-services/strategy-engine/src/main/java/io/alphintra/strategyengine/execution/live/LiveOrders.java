package io.alphintra.strategyengine.execution.live;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy's orders in trading-api that are open, or finished but with fills the engine has not
 * read yet. Order states and fills are read separately, so an order can be FILLED before its fill
 * reaches the positions: until it does, its quantity still counts as pending, or the next signal
 * would order it again. Not thread-safe; {@link LiveVenue} guards it.
 */
final class LiveOrders {

  private static final List<String> OPEN =
      List.of("PENDING_NEW", "UNKNOWN", "NEW", "PARTIALLY_FILLED");

  /** One tracked order; {@code applied} is what its fills already moved the position by. */
  private record Tracked(
      String orderId,
      String symbol,
      BigDecimal signedQuantity,
      boolean open,
      BigDecimal filled,
      BigDecimal applied) {

    /** Quantity that will still reach the position: unfilled while open, plus unread fills. */
    BigDecimal pending() {
      BigDecimal expected = open ? signedQuantity.abs() : filled;
      return expected.subtract(applied).max(BigDecimal.ZERO).multiply(sign());
    }

    BigDecimal sign() {
      return BigDecimal.valueOf(signedQuantity.signum());
    }

    boolean settled() {
      return !open && applied.compareTo(filled) >= 0;
    }
  }

  static boolean isOpen(String status) {
    return OPEN.contains(status);
  }

  private final Map<String, Tracked> byClientOrderId = new LinkedHashMap<>();
  private volatile int openCount;

  /**
   * Records trading-api's view of an order. {@code fillsAlreadyApplied}: its fills so far are in
   * the positions already (orders found at start, after the fills were replayed).
   */
  void update(
      String clientOrderId,
      String orderId,
      String symbol,
      BigDecimal signedQuantity,
      String status,
      BigDecimal filled,
      boolean fillsAlreadyApplied) {
    Tracked before = byClientOrderId.get(clientOrderId);
    if (before == null && !isOpen(status) && !fillsAlreadyApplied && filled.signum() == 0) {
      return;
    }
    BigDecimal applied =
        fillsAlreadyApplied ? filled : before == null ? BigDecimal.ZERO : before.applied();
    put(
        clientOrderId,
        new Tracked(orderId, symbol, signedQuantity, isOpen(status), filled, applied));
  }

  /** A placement whose outcome is not known: counted as open until trading-api says otherwise. */
  void unknown(String clientOrderId, String symbol, BigDecimal signedQuantity) {
    put(
        clientOrderId,
        new Tracked(null, symbol, signedQuantity, true, BigDecimal.ZERO, BigDecimal.ZERO));
  }

  /** A fill of trading-api order {@code orderId} reached the positions. */
  void fillApplied(String orderId, BigDecimal quantity) {
    for (Map.Entry<String, Tracked> entry : byClientOrderId.entrySet()) {
      Tracked order = entry.getValue();
      if (orderId != null && orderId.equals(order.orderId())) {
        put(
            entry.getKey(),
            new Tracked(
                order.orderId(),
                order.symbol(),
                order.signedQuantity(),
                order.open(),
                order.filled(),
                order.applied().add(quantity.abs())));
        return;
      }
    }
  }

  /** trading-api does not know the order (a placement that never arrived). */
  void forget(String clientOrderId) {
    byClientOrderId.remove(clientOrderId);
    count();
  }

  /** clientOrderIds of every tracked order (open or with unread fills). */
  List<String> tracked() {
    return List.copyOf(byClientOrderId.keySet());
  }

  List<String> open() {
    return byClientOrderId.entrySet().stream()
        .filter(entry -> entry.getValue().open())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Open orders; readable without the venue's lock. */
  int openCount() {
    return openCount;
  }

  BigDecimal pending(String symbol) {
    return byClientOrderId.values().stream()
        .filter(order -> order.symbol().equals(symbol))
        .map(Tracked::pending)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private void put(String clientOrderId, Tracked order) {
    if (order.settled()) {
      byClientOrderId.remove(clientOrderId);
    } else {
      byClientOrderId.put(clientOrderId, order);
    }
    count();
  }

  private void count() {
    openCount = (int) byClientOrderId.values().stream().filter(Tracked::open).count();
  }
}
