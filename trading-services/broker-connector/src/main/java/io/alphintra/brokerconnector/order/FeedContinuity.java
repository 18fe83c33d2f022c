package io.alphintra.brokerconnector.order;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Which unbroken subscription of the venue's user-data feed is live: each acknowledged subscription
 * is a new stretch, and losing the connection ends it. A state the connector learned during a
 * stretch (a placement's answer, a venue read that started in it) plus the feed's pushes since is
 * the order's latest state for as long as the same stretch lasts.
 */
@Component
public class FeedContinuity {

  /** No subscription is live: nothing the connector holds can be trusted to be the latest. */
  public static final long NONE = 0;

  private final AtomicLong stretches = new AtomicLong();
  private volatile long current = NONE;

  /** The live stretch, or {@link #NONE}. */
  public long current() {
    return current;
  }

  /** The venue acknowledged a subscription: everything from now on is pushed. */
  public void subscribed() {
    current = stretches.incrementAndGet();
  }

  /** The feed is gone: pushes may be missed until the next subscription. */
  public void lost() {
    current = NONE;
  }
}
