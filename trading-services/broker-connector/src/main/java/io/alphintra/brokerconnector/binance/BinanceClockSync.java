package io.alphintra.brokerconnector.binance;

import io.alphintra.brokerconnector.ratelimit.RateLimitWaitExceeded;
import io.alphintra.brokerconnector.venue.ClockSynchronizer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Measures the venue clock offset (and the round trip the health endpoint reports) with {@code GET /api/v3/time}. */
@Component
class BinanceClockSync implements ClockSynchronizer {

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final BinanceRestClient client;

    BinanceClockSync(BinanceRestClient client) {
        this.client = client;
    }

    @Override
    public void synchronizeClock() {
        client.synchronizeClock(MAX_WAIT);
    }

    /** A probe only when budget is free right now: a probe must never queue behind orders. */
    boolean probe() {
        try {
            client.synchronizeClock(Duration.ZERO);
            return true;
        } catch (RateLimitWaitExceeded busy) {
            return false;
        }
    }
}
