package io.alphintra.brokerconnector.order;

/**
 * Order statuses with Binance Spot's names, plus {@link #UNKNOWN} for an order whose outcome the
 * connector could not yet establish (it keeps reconciling on every read).
 */
public enum OrderStatus {
  NEW,
  PARTIALLY_FILLED,
  FILLED,
  CANCELED,
  PENDING_CANCEL,
  REJECTED,
  EXPIRED,
  EXPIRED_IN_MATCH,
  UNKNOWN;

  public boolean isOpen() {
    return this == NEW || this == PARTIALLY_FILLED || this == PENDING_CANCEL;
  }

  /**
   * Parses a venue status; statuses this connector does not know map to UNKNOWN rather than
   * failing.
   */
  public static OrderStatus fromVenue(String status) {
    try {
      return valueOf(status);
    } catch (IllegalArgumentException | NullPointerException e) {
      return UNKNOWN;
    }
  }
}
