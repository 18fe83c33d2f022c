package io.alphintra.tradingapi.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's state. NEW … EXPIRED are the venue's (as the connector reports them); PENDING_NEW
 * (accepted here, not yet acknowledged by the venue), UNKNOWN (sent, outcome not established; the
 * poller resolves it) and NOT_SENT (its placement provably never reached the venue; a retry with
 * the same clientOrderId places it) are trading-api's own.
 */
public enum OrderStatus {
  PENDING_NEW,
  UNKNOWN,
  /**
   * Not final: the connector could not be reached or said it sent nothing. The order cannot trade
   * and holds no risk; a retry of its clientOrderId runs the risk checks again and sends it.
   */
  NOT_SENT,
  NEW,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  REJECTED,
  EXPIRED;

  /** States in which the order may still trade (and counts against max open orders). */
  public static final Set<OrderStatus> OPEN =
      EnumSet.of(PENDING_NEW, UNKNOWN, NEW, PARTIALLY_FILLED);

  public boolean isOpen() {
    return OPEN.contains(this);
  }

  /** Open and acknowledged by the venue: an order that can be canceled there. */
  public boolean isCancelable() {
    return this == NEW || this == PARTIALLY_FILLED;
  }

  /**
   * The connector's status name as ours: PENDING_CANCEL is still open (keeps {@code current}),
   * EXPIRED_IN_MATCH is EXPIRED.
   */
  public static OrderStatus fromVenue(String venueStatus, OrderStatus current) {
    return switch (venueStatus) {
      case "NEW" -> NEW;
      case "PARTIALLY_FILLED" -> PARTIALLY_FILLED;
      case "FILLED" -> FILLED;
      case "CANCELED" -> CANCELED;
      case "REJECTED" -> REJECTED;
      case "EXPIRED", "EXPIRED_IN_MATCH" -> EXPIRED;
      default -> current;
    };
  }
}
