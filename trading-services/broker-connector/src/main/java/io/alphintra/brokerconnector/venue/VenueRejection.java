package io.alphintra.brokerconnector.venue;

/** A definitive refusal (HTTP 4xx other than 429/418): the request was not executed. */
public final class VenueRejection extends VenueException {

  /** Binance: the order looked up does not exist. */
  public static final int ORDER_DOES_NOT_EXIST = -2013;

  /** Binance: cancel of an unknown (or already closed) order. */
  public static final int UNKNOWN_ORDER_ON_CANCEL = -2011;

  /** Binance: new order rejected (balance, duplicate clientOrderId, post-only would take...). */
  public static final int NEW_ORDER_REJECTED = -2010;

  /** Binance: timestamp outside recvWindow. */
  public static final int TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021;

  private final int httpStatus;

  public VenueRejection(int httpStatus, int code, String message) {
    super(code, message, null);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Binance answers a reused clientOrderId of an open order with -2010 "Duplicate order sent.". */
  public boolean isDuplicateOrder() {
    return code() == NEW_ORDER_REJECTED
        && getMessage() != null
        && getMessage().contains("Duplicate order");
  }

  /** -2014/-2015 (API key) and -1022 (signature): our credentials are not accepted. */
  public boolean isAuthenticationFailure() {
    return code() == -2014 || code() == -2015 || code() == -1022;
  }
}
