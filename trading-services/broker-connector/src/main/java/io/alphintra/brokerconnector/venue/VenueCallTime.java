package io.alphintra.brokerconnector.venue;

/**
 * Time the current request thread spent waiting on the venue's HTTP answers, so API responses can
 * report it as {@code Server-Timing: venue;dur=<ms>} and callers can tell connector time from venue
 * time. Each API request runs on its own (virtual) thread, so a thread-local is request-scoped.
 */
public final class VenueCallTime {

  private static final ThreadLocal<long[]> NANOS = ThreadLocal.withInitial(() -> new long[1]);

  private VenueCallTime() {}

  public static void reset() {
    NANOS.get()[0] = 0;
  }

  public static void add(long nanos) {
    NANOS.get()[0] += nanos;
  }

  /**
   * The {@code Server-Timing} header value for the venue time accumulated since {@link #reset()}.
   */
  public static String serverTiming() {
    return String.format(java.util.Locale.ROOT, "venue;dur=%.3f", NANOS.get()[0] / 1e6);
  }
}
