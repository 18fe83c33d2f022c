package io.alphintra.brokerconnector.ratelimit;

/**
 * One fixed rate-limit window as Binance counts it (aligned to multiples of its length in venue
 * time): pure arithmetic, no clock and no locking; {@link VenueRateLimiter} owns both.
 *
 * <p>Requests sent within {@code carrySpan} of the window's end may be counted by the venue in
 * either window (clock offset uncertainty), so they are charged to both: they carry over into the
 * next window when it starts.
 */
final class RateWindow {

    private final long lengthMillis;
    private final long carrySpan;
    private int limit;
    private long start = Long.MIN_VALUE;
    private int used;
    private int carry;

    RateWindow(long lengthMillis, int limit, long carrySpan) {
        this.lengthMillis = lengthMillis;
        this.limit = limit;
        this.carrySpan = carrySpan;
    }

    /** Millis until {@code cost} fits (0 = fits now). A cost above the limit waits for an empty window. */
    long waitFor(long now, int cost) {
        roll(now);
        int effective = Math.min(cost, limit);
        if (used == 0 || used + effective <= limit) {
            return 0;
        }
        return start + lengthMillis - now;
    }

    void charge(long now, int cost) {
        roll(now);
        used += cost;
        if (now >= start + lengthMillis - carrySpan) {
            carry += cost;
        }
    }

    /**
     * Adopts the venue's own count when it is higher: other clients on the same IP or account,
     * or requests we lost track of, count too.
     */
    void observe(long now, int reportedUsed) {
        roll(now);
        used = Math.max(used, reportedUsed);
    }

    /** The venue said no: treat this window as full. */
    void exhaust(long now) {
        roll(now);
        used = Math.max(used, limit);
    }

    int used(long now) {
        roll(now);
        return used;
    }

    int limit() {
        return limit;
    }

    void limit(int newLimit) {
        this.limit = newLimit;
    }

    long lengthMillis() {
        return lengthMillis;
    }

    private void roll(long now) {
        long current = now - Math.floorMod(now, lengthMillis);
        if (current > start) {
            used = start != Long.MIN_VALUE && current == start + lengthMillis ? carry : 0;
            carry = 0;
            start = current;
        }
    }
}
