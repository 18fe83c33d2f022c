package io.alphintra.brokerconnector.ratelimit;

import io.alphintra.brokerconnector.venue.BrokerProperties;
import io.alphintra.brokerconnector.venue.VenueClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Client-side REQUEST_WEIGHT (per minute) and ORDERS (per 10 s) budgets, kept in step with the
 * venue: charged before a request leaves, corrected upwards by {@code X-MBX-USED-WEIGHT-1M} and
 * {@code X-MBX-ORDER-COUNT-10S}, and closed completely while a 429/418 {@code Retry-After} runs,
 * because Binance bans IPs that keep sending after a 429.
 *
 * <p>Windows are counted in venue time shifted back by a guard: the venue's window must have rolled
 * for sure before we spend the next one. A {@link ReentrantLock}, not {@code synchronized}, so
 * waiting virtual threads do not pin their carriers.
 */
@Component
public class VenueRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(VenueRateLimiter.class);

    private final VenueClock clock;
    private final long guardMillis;
    private final int configuredWeightLimit;
    private final int configuredOrderLimit;
    private final RateWindow weight;
    private final RateWindow orders;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition budgetChanged = lock.newCondition();
    private long backOffUntil;

    @Autowired
    public VenueRateLimiter(BrokerProperties properties, VenueClock clock) {
        this(clock, properties.requestWeightPerMinute(), properties.ordersPer10Seconds(), properties.windowGuard().toMillis());
    }

    VenueRateLimiter(VenueClock clock, int weightLimit, int orderLimit, long guardMillis) {
        this.clock = clock;
        this.guardMillis = guardMillis;
        this.configuredWeightLimit = weightLimit;
        this.configuredOrderLimit = orderLimit;
        this.weight = new RateWindow(60_000, weightLimit, 2 * guardMillis);
        this.orders = new RateWindow(10_000, orderLimit, 2 * guardMillis);
    }

    /**
     * Blocks until {@code cost} weight (and one order slot when {@code newOrder}) is available and
     * charges it.
     *
     * @throws RateLimitWaitExceeded when the budget frees up later than {@code maxWait}
     */
    public void acquire(int cost, boolean newOrder, Duration maxWait) throws InterruptedException {
        long giveUpAt = System.nanoTime() + maxWait.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                long now = clock.now();
                long wait = waitMillis(now, cost, newOrder);
                if (wait <= 0) {
                    long windowTime = now - guardMillis;
                    weight.charge(windowTime, cost);
                    if (newOrder) {
                        orders.charge(windowTime, 1);
                    }
                    return;
                }
                long remainingNanos = giveUpAt - System.nanoTime();
                if (TimeUnit.MILLISECONDS.toNanos(wait) > remainingNanos) {
                    throw new RateLimitWaitExceeded(wait);
                }
                budgetChanged.await(wait, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Millis until the request could go, without charging anything. */
    long waitMillis(long now, int cost, boolean newOrder) {
        if (now < backOffUntil) {
            return backOffUntil - now;
        }
        long windowTime = now - guardMillis;
        long wait = weight.waitFor(windowTime, cost);
        if (newOrder) {
            wait = Math.max(wait, orders.waitFor(windowTime, 1));
        }
        return wait;
    }

    /** Usage reported by the venue on a response; missing headers are passed as negative. */
    public void observe(int usedWeight, int orderCount) {
        lock.lock();
        try {
            long windowTime = clock.now() - guardMillis;
            if (usedWeight >= 0) {
                weight.observe(windowTime, usedWeight);
            }
            if (orderCount >= 0) {
                orders.observe(windowTime, orderCount);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The venue answered 429 or 418: nothing goes out until {@code Retry-After} has passed, and the
     * window that was refused counts as full.
     */
    public void backOff(int httpStatus, long retryAfterSeconds, boolean orderLimit) {
        lock.lock();
        try {
            long now = clock.now();
            long seconds = retryAfterSeconds > 0 ? retryAfterSeconds : 1;
            backOffUntil = Math.max(backOffUntil, now + TimeUnit.SECONDS.toMillis(seconds));
            (orderLimit ? orders : weight).exhaust(now - guardMillis);
            budgetChanged.signalAll();
        } finally {
            lock.unlock();
        }
        if (httpStatus == 418) {
            log.error("The venue banned this IP for {} s (HTTP 418); all requests wait until then", retryAfterSeconds);
        } else {
            log.warn("The venue rate-limited us (HTTP {}); pausing {} s as Retry-After asks", httpStatus, retryAfterSeconds);
        }
    }

    /** Adopts the venue's announced limits where they are stricter than ours. */
    public void applyVenueLimits(int venueWeightPerMinute, int venueOrdersPer10Seconds) {
        lock.lock();
        try {
            if (venueWeightPerMinute > 0) {
                weight.limit(Math.min(configuredWeightLimit, venueWeightPerMinute));
            }
            if (venueOrdersPer10Seconds > 0) {
                orders.limit(Math.min(configuredOrderLimit, venueOrdersPer10Seconds));
            }
            budgetChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public RateLimitSnapshot snapshot() {
        lock.lock();
        try {
            long now = clock.now();
            long windowTime = now - guardMillis;
            return new RateLimitSnapshot(weight.used(windowTime), weight.limit(), orders.used(windowTime), orders.limit(),
                    Math.max(0, backOffUntil - now));
        } finally {
            lock.unlock();
        }
    }
}
