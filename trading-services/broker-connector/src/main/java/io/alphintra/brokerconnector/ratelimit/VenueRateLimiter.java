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
 * <p>Every venue call holds a {@link Permit} from {@link #acquire} until its answer arrived ({@link
 * #answered}) or was given up on ({@link #unanswered}). Windows are counted in venue time known to
 * within a margin ({@code window-guard} plus the measured clock uncertainty, see {@link
 * VenueClock#uncertaintyMillis()}); a request counts in every window it could have been counted in
 * between being charged and being answered (see {@link RateWindow}), so neither clock error nor a
 * slow, starved round trip can put more into a venue window than its limit. A {@link
 * ReentrantLock}, not {@code synchronized}, so waiting virtual threads do not pin their carriers.
 */
@Component
public class VenueRateLimiter {

  private static final Logger log = LoggerFactory.getLogger(VenueRateLimiter.class);

  private final VenueClock clock;
  private final long guardMillis;
  private final long unansweredMillis;
  private final int configuredWeightLimit;
  private final int configuredOrderLimit;
  private final RateWindow weight;
  private final RateWindow orders;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition budgetChanged = lock.newCondition();
  private long backOffUntil;

  /**
   * One venue call's hold on the budget, from {@link #acquire} until {@link #answered} or {@link
   * #unanswered}: while it is out the venue may count it in any window that starts.
   */
  public static final class Permit {
    private final RateWindow.Charge weight;
    private final RateWindow.Charge orders;
    private boolean settled;

    private Permit(RateWindow.Charge weight, RateWindow.Charge orders) {
      this.weight = weight;
      this.orders = orders;
    }
  }

  @Autowired
  public VenueRateLimiter(BrokerProperties properties, VenueClock clock) {
    this(
        clock,
        properties.requestWeightPerMinute(),
        properties.ordersPer10Seconds(),
        properties.windowGuard().toMillis(),
        properties.requestTimeout().toMillis());
  }

  /**
   * @param guardMillis margin on top of the clock's measured uncertainty
   * @param unansweredMillis how long after we gave up on an answer the venue may still count a
   *     request
   */
  VenueRateLimiter(
      VenueClock clock, int weightLimit, int orderLimit, long guardMillis, long unansweredMillis) {
    this.clock = clock;
    this.guardMillis = guardMillis;
    this.unansweredMillis = unansweredMillis;
    this.configuredWeightLimit = weightLimit;
    this.configuredOrderLimit = orderLimit;
    this.weight = new RateWindow(60_000, weightLimit);
    this.orders = new RateWindow(10_000, orderLimit);
  }

  /**
   * Blocks until {@code cost} weight (and one order slot when {@code newOrder}) is available in
   * every window the request could be counted in, and charges it. The caller must hand the permit
   * back through {@link #answered} or {@link #unanswered}.
   *
   * @throws RateLimitWaitExceeded when the budget frees up later than {@code maxWait}
   */
  public Permit acquire(int cost, boolean newOrder, Duration maxWait) throws InterruptedException {
    long giveUpAt = System.nanoTime() + maxWait.toNanos();
    lock.lockInterruptibly();
    try {
      while (true) {
        long now = clock.now();
        long wait = waitMillis(now, cost, newOrder);
        if (wait <= 0) {
          long margin = margin();
          return new Permit(
              weight.charge(now, margin, cost), orders.charge(now, margin, newOrder ? 1 : 0));
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
    long margin = margin();
    long wait = weight.waitFor(now, margin, cost);
    if (newOrder) {
      wait = Math.max(wait, orders.waitFor(now, margin, 1));
    }
    return wait;
  }

  /**
   * The venue answered the permit's request; {@code usedWeight} / {@code orderCount} are its {@code
   * X-MBX-USED-WEIGHT-1M} / {@code X-MBX-ORDER-COUNT-10S}, negative when absent. Call this before
   * acting on the answer, so the next decision already knows the venue's count. {@code venueTime}
   * is the venue's clock when it answered (its {@code Date} header), negative when unknown: it
   * tells which window those counts belong to.
   */
  public void answered(Permit permit, int usedWeight, int orderCount, long venueTime) {
    lock.lock();
    try {
      if (permit.settled) {
        return;
      }
      permit.settled = true;
      long now = clock.now();
      long margin = margin();
      weight.answered(permit.weight, now, margin, usedWeight, venueTime);
      orders.answered(permit.orders, now, margin, orderCount, venueTime);
    } finally {
      lock.unlock();
    }
  }

  /** {@link #answered(Permit, int, int, long)} without the venue's time of the answer. */
  public void answered(Permit permit, int usedWeight, int orderCount) {
    answered(permit, usedWeight, orderCount, -1);
  }

  /**
   * No answer for the permit's request (timeout, broken connection, never sent): the venue may
   * still count it for a while, so it keeps counting in every window until then.
   */
  public void unanswered(Permit permit) {
    lock.lock();
    try {
      if (permit.settled) {
        return;
      }
      permit.settled = true;
      long now = clock.now();
      long margin = margin();
      weight.unanswered(permit.weight, now, margin, now + unansweredMillis);
      orders.unanswered(permit.orders, now, margin, now + unansweredMillis);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The venue answered the permit's request with 429 or 418: nothing goes out until {@code
   * Retry-After} has passed, and every window the request may have been judged in counts as full.
   */
  public void backOff(Permit permit, int httpStatus, long retryAfterSeconds, boolean orderLimit) {
    lock.lock();
    try {
      long now = clock.now();
      long seconds = retryAfterSeconds > 0 ? retryAfterSeconds : 1;
      backOffUntil = Math.max(backOffUntil, now + TimeUnit.SECONDS.toMillis(seconds));
      if (orderLimit) {
        orders.exhaust(permit.orders, now, margin());
      } else {
        weight.exhaust(permit.weight, now, margin());
      }
      budgetChanged.signalAll();
    } finally {
      lock.unlock();
    }
    if (httpStatus == 418) {
      log.error(
          "The venue banned this IP for {} s (HTTP 418); all requests wait until then",
          retryAfterSeconds);
    } else {
      log.warn(
          "The venue rate-limited us (HTTP {}); pausing {} s as Retry-After asks",
          httpStatus,
          retryAfterSeconds);
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
      long margin = margin();
      return new RateLimitSnapshot(
          weight.used(now, margin),
          weight.limit(),
          orders.used(now, margin),
          orders.limit(),
          Math.max(0, backOffUntil - now));
    } finally {
      lock.unlock();
    }
  }

  /**
   * How far our venue time may be off the venue's: the guard plus what the clock sync could not pin
   * down.
   */
  long margin() {
    return guardMillis + clock.uncertaintyMillis();
  }
}
