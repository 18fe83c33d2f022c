package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.order.OrderStatus;
import io.alphintra.tradingapi.order.TradeOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles an acknowledged open order the venue has positively answered, twice, that it has no
 * record of (its book was lost in a restart, the order never arrived, or it closed and was purged
 * long ago): the order can no longer trade, so it becomes EXPIRED with reason {@value #REASON},
 * which releases its open-order count. Used by a cancel the venue did not find and by the poller's
 * reconciliation of open orders; the callers decide what counts as a positive answer (never a
 * timeout, a 5xx or a refused connection).
 */
@Component
public class NotOnVenueSettlement {

  private static final Logger log = LoggerFactory.getLogger(NotOnVenueSettlement.class);

  /** The reason code of an order the venue has no record of. */
  public static final String REASON = "NOT_ON_VENUE";

  private final ExecutionLedger ledger;

  NotOnVenueSettlement(ExecutionLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Settles {@code order} as EXPIRED {@value #REASON} with a history entry by {@code actor}: {@code
   * why}, and what the venue's two answers were. The transition happens under the order's row lock
   * and only from an open state, so an order settled (or closed) by someone else meanwhile is
   * settled once and its open-order count released once.
   *
   * @param answers the venue's two answers, e.g. {@code "cancel: ORDER_NOT_FOUND, read by
   *     clientOrderId: ORDER_NOT_FOUND"}
   * @param venueMessage the venue's last message, kept as the order's reject message
   * @return the order as recorded after: settled (see {@link #isSettled}), or closed otherwise
   */
  public TradeOrder settle(
      TradeOrder order, String actor, String why, String answers, String venueMessage) {
    TradeOrder after =
        ledger
            .transition(
                order.id(),
                OrderStatus.EXPIRED,
                actor,
                why
                    + ": the venue has no record of the order ("
                    + answers
                    + "); it can no longer trade",
                REASON,
                venueMessage)
            .orElseThrow();
    if (isSettled(after)) {
      log.warn(
          "order {} ({}): the venue has no record of it; settled as EXPIRED {} by {}",
          order.id(),
          order.clientOrderId(),
          REASON,
          actor);
    }
    return after;
  }

  /** Whether {@code order} is settled as not on the venue. */
  public static boolean isSettled(TradeOrder order) {
    return order.status() == OrderStatus.EXPIRED && REASON.equals(order.rejectReason());
  }
}
