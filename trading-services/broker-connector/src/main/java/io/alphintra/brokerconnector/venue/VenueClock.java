package io.alphintra.brokerconnector.venue;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The venue's clock as seen from here: local time plus the offset measured against
 * {@code /api/v3/time}. Signed timestamps and rate-limit windows use it, because the venue judges
 * both by its own clock.
 */
@Component
public class VenueClock {

    private final Clock local;
    private volatile long offsetMillis;

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
        return local.millis() + offsetMillis;
    }

    public long localMillis() {
        return local.millis();
    }

    /**
     * Records a time sample: the server's time is assumed to be read halfway through the round trip
     * (NTP's assumption), which bounds the error by half the round trip.
     */
    public void synchronize(long sentAtLocal, long serverTime, long receivedAtLocal) {
        offsetMillis = serverTime - (sentAtLocal + receivedAtLocal) / 2;
    }

    public long offsetMillis() {
        return offsetMillis;
    }
}
