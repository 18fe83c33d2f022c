package io.alphintra.brokerconnector.venue;

/**
 * The request may or may not have been executed: a timeout, a broken connection, any 5xx, or
 * Binance's -1007 ("execution status unknown"). Binance's guidance: never treat it as a failure.
 */
public final class VenueOutcomeUnknown extends VenueException {

  /** Binance: timeout waiting for the backend; the order may be live. */
  public static final int BACKEND_TIMEOUT = -1007;

  private final long signedAtVenueMillis;

  public VenueOutcomeUnknown(int code, String message, long signedAtVenueMillis, Throwable cause) {
    super(code, message, cause);
    this.signedAtVenueMillis = signedAtVenueMillis;
  }

  /**
   * The request's signed timestamp (venue time); the venue refuses it after timestamp + recvWindow.
   */
  public long signedAtVenueMillis() {
    return signedAtVenueMillis;
  }
}
