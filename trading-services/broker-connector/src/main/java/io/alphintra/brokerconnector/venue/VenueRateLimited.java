package io.alphintra.brokerconnector.venue;

/**
 * HTTP 429 (limit hit) or 418 (IP banned): not executed; retry only after {@link
 * #retryAfterSeconds()}.
 */
public final class VenueRateLimited extends VenueException {

  private final int httpStatus;
  private final long retryAfterSeconds;

  public VenueRateLimited(int httpStatus, int code, String message, long retryAfterSeconds) {
    super(code, message, null);
    this.httpStatus = httpStatus;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
