package io.alphintra.brokerconnector.venue;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The venue's clock as seen from here: local time plus the offset measured against {@code
 * /api/v3/time}. Signed timestamps and rate-limit windows use it, because the venue judges both by
 * its own clock.
 *
 * <p>A sample pins the offset down only to half its round trip (the venue read its clock somewhere
 * between our send and our receive), and a starved JVM or a cold venue can make that hundreds of
 * milliseconds. So the clock keeps the tightest sample it has, lets its uncertainty grow with age
 * (drift), replaces it only by a sample at least as tight, or by one that contradicts it (the clock
 * really moved), and reports the remaining uncertainty for rate-limit windows to allow for.
 */
@Component
public class VenueClock {

  /** Local and venue clocks may drift apart by this much per elapsed millisecond (100 ppm). */
  private static final double DRIFT_PER_MILLI = 1e-4;

  private final Clock local;

  /**
   * The sample in use; null before the first. One immutable value, so readers never mix two
   * samples.
   */
  private volatile Sample sample;

  private record Sample(long offsetMillis, long uncertaintyMillis, long takenAtLocal) {
    long uncertaintyAt(long localMillis) {
      long age = Math.max(0, localMillis - takenAtLocal);
      return uncertaintyMillis + (long) Math.ceil(age * DRIFT_PER_MILLI);
    }
  }

  public VenueClock() {
    this(Clock.systemUTC());
  }

  VenueClock(Clock local) {
    this.local = local;
  }

  public static VenueClock fixedTo(Clock local) {
    return new VenueClock(local);
  }

  /** Venue time now, in epoch millis. */
  public long now() {
    return local.millis() + offsetMillis();
  }

  public long localMillis() {
    return local.millis();
  }

  /** A moment of the local clock in venue time, with the current offset. */
  public long toVenueMillis(long localMillis) {
    return localMillis + offsetMillis();
  }

  /**
   * Offers a time sample: the server's time is assumed to be read halfway through the round trip
   * (NTP's assumption), which bounds the error by half the round trip. Adopted when it is at least
   * as tight as the current estimate (aged by drift) or contradicts it; otherwise the better
   * estimate is kept.
   *
   * @return whether the sample was adopted
   */
  public synchronized boolean synchronize(long sentAtLocal, long serverTime, long receivedAtLocal) {
    long roundTrip = Math.max(0, receivedAtLocal - sentAtLocal);
    // Half the round trip, plus 1 ms because the venue's time is truncated to whole milliseconds.
    Sample offered =
        new Sample(
            serverTime - (sentAtLocal + receivedAtLocal) / 2,
            (roundTrip + 1) / 2 + 1,
            receivedAtLocal);
    Sample current = sample;
    if (current != null) {
      long currentUncertainty = current.uncertaintyAt(receivedAtLocal);
      boolean consistent =
          Math.abs(offered.offsetMillis() - current.offsetMillis())
              <= currentUncertainty + offered.uncertaintyMillis();
      if (consistent && offered.uncertaintyMillis() > currentUncertainty) {
        return false;
      }
    }
    sample = offered;
    return true;
  }

  public long offsetMillis() {
    Sample current = sample;
    return current == null ? 0 : current.offsetMillis();
  }

  /**
   * How far {@link #now()} may be off the venue's clock: half the round trip of the sample in use
   * plus drift since; 0 before the first sample.
   */
  public long uncertaintyMillis() {
    Sample current = sample;
    return current == null ? 0 : current.uncertaintyAt(local.millis());
  }
}
