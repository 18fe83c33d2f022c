package io.alphintra.brokerconnector.ratelimit;

/** Waiting for rate-limit budget would take longer than the caller allowed. */
public class RateLimitWaitExceeded extends RuntimeException {

  private final long retryAfterMillis;

  public RateLimitWaitExceeded(long retryAfterMillis) {
    super(
        "The venue's rate limit is exhausted; retry in " + retryAfterMillis + " ms",
        null,
        false,
        false);
    this.retryAfterMillis = retryAfterMillis;
  }

  public long retryAfterMillis() {
    return retryAfterMillis;
  }
}
