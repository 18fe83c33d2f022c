package io.alphintra.tradingapi.broker;

/**
 * A connector call that did not produce an order. {@link Kind} says what is known about the venue.
 */
public class ConnectorFailure extends RuntimeException {

  /** What the failure proves. */
  public enum Kind {
    /** The connector or its venue refused the request definitively (filters, venue rejection). */
    REFUSED,
    /**
     * Nothing reached the venue, provably: no connection to the connector (refused, or no connector
     * configured), or the connector said it sent nothing (venue not connected, no rate budget).
     */
    NOT_SENT,
    /** The request may or may not have reached the venue (timeout, 5xx, broken connection). */
    UNKNOWN,
    /** The venue answered that it has no such order (the connector's ORDER_NOT_FOUND). */
    NOT_FOUND,
    /** The order is already filled, canceled or expired. */
    CLOSED
  }

  private final Kind kind;
  private final String reason;

  public ConnectorFailure(Kind kind, String reason, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  /** The connector's {@code reason} (e.g. PRICE_FILTER, VENUE_-2010), or ours. */
  public String reason() {
    return reason;
  }
}
