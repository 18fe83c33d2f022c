package io.alphintra.brokerconnector.venue;

/**
 * Something the venue (or the way to it) answered other than success. Messages carry the venue's
 * code and text only, never request parameters, so they are safe to log and return.
 */
public abstract sealed class VenueException extends RuntimeException
    permits VenueRejection, VenueRateLimited, VenueOutcomeUnknown, VenueUnreachable {

  private final int code;

  protected VenueException(int code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  /** Binance's error code, or 0 when the venue sent none (transport failures). */
  public int code() {
    return code;
  }
}
