package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.venue.ClockSynchronizer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Measures the venue clock offset (and the round trip the health endpoint reports) with {@code GET
 * /api/v3/time}.
 */
@Component
class BinanceClockSync implements ClockSynchronizer {

  private static final Duration MAX_WAIT = Duration.ofSeconds(60);
  private static final int SAMPLES = 3;
  private static final long GOOD_ENOUGH_ROUND_TRIP_MILLIS = 10;

  private final BinanceRestClient client;

  BinanceClockSync(BinanceRestClient client) {
    this.client = client;
  }

  /**
   * Takes up to {@value #SAMPLES} samples (weight 1 each) and keeps the tightest: the first request
   * to a cold venue or from a starved JVM can have a round trip of hundreds of milliseconds, and
   * half of it is the offset's uncertainty, which every rate-limit window has to allow for.
   */
  @Override
  public void synchronizeClock() {
    for (int sample = 0; sample < SAMPLES; sample++) {
      long roundTrip = client.synchronizeClock(MAX_WAIT);
      if (roundTrip <= GOOD_ENOUGH_ROUND_TRIP_MILLIS) {
        return;
      }
    }
  }

  /**
   * A probe only when budget is free right now: a probe must never queue behind orders. Its sample
   * refines the offset only when it is at least as tight as the one in use.
   */
  boolean probe() {
    try {
      client.synchronizeClock(Duration.ZERO);
      return true;
    } catch (RateLimitWaitExceeded busy) {
      return false;
    }
  }
}
