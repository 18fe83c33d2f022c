package io.alphintra.tradingapi.fill;

import io.alphintra.tradingapi.broker.ConnectorFill;
import io.alphintra.tradingapi.broker.ConnectorOrder;
import io.alphintra.tradingapi.instrument.Instrument;
import io.alphintra.tradingapi.instrument.Instruments;
import io.alphintra.tradingapi.order.OrderStatus;
import io.alphintra.tradingapi.order.Orders;
import io.alphintra.tradingapi.order.TradeOrder;
import io.alphintra.tradingapi.position.Position;
import io.alphintra.tradingapi.position.PositionMath;
import io.alphintra.tradingapi.position.Positions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of order states, fills, positions and balances. Order states come from venue
 * reports (the placement and cancel answers, the poller); fills come from the connector's fill
 * feed, one per venue trade: each is claimed in fill_key ({@code <symbol>:<trade id>:<order id>})
 * and recorded with the position, balances and the feed's cursor in one transaction, so a trade
 * read twice, by two threads or after a restart is recorded once.
 */
@Component
public class ExecutionLedger {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ExecutionLedger.class);

  /** The actor of state changes the venue reported. */
  public static final String VENUE = "venue";

  private final Orders orders;
  private final Fills fills;
  private final Positions positions;
  private final Instruments instruments;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Map<UUID, Attribution> inFlight = new ConcurrentHashMap<>();

  /** Who and why, for states of an order whose request to the venue is in progress. */
  private record Attribution(String actor, String why) {}

  ExecutionLedger(
      Orders orders,
      Fills fills,
      Positions positions,
      Instruments instruments,
      TransactionTemplate tx,
      Clock clock) {
    this.orders = orders;
    this.fills = fills;
    this.positions = positions;
    this.instruments = instruments;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Applies a venue report; empty when the order is not one of ours.
   *
   * @param actor who caused it ({@link #VENUE}, or the subject whose request brought the report)
   * @param why what the history should say
   */
  public Optional<TradeOrder> apply(OrderReport report, String actor, String why) {
    return apply(report, actor, why, false);
  }

  /**
   * Runs {@code call} (a request about the order to the venue and the recording of its answer); a
   * pushed state of the order applied meanwhile in this process is recorded as caused by {@code
   * actor} with {@code why}, as the answer would have been, since it is that request's outcome.
   */
  public <T> T attributed(UUID orderId, String actor, String why, Supplier<T> call) {
    inFlight.put(orderId, new Attribution(actor, why));
    try {
      return call.get();
    } finally {
      inFlight.remove(orderId);
    }
  }

  /**
   * Applies a venue report unless it is an earlier state than the one recorded (less filled, or
   * open while the order is closed): a pushed state may trail one a REST read recorded meanwhile.
   */
  public Optional<TradeOrder> applyIfNewer(OrderReport report, String actor, String why) {
    return apply(report, actor, why, true);
  }

  private Optional<TradeOrder> apply(
      OrderReport report, String actor, String why, boolean onlyForward) {
    return tx.execute(
        status -> {
          ConnectorOrder venue = report.order();
          TradeOrder order = orders.lockByVenueClientOrderId(venue.clientOrderId()).orElse(null);
          if (order == null) {
            return Optional.<TradeOrder>empty();
          }
          if (onlyForward && earlier(venue, order)) {
            return Optional.of(order);
          }
          Attribution requested = onlyForward ? inFlight.get(order.id()) : null;
          String by = requested == null ? actor : requested.actor();
          String because = requested == null ? why : requested.why();
          Instant now = clock.instant();
          BigDecimal filled = order.filledQuantity();
          BigDecimal filledQuote = order.filledQuoteQuantity();
          if (venue.executedQuantity().compareTo(filled) > 0) {
            // The venue's cumulative figures; the trades themselves arrive from the fill feed.
            filled = venue.executedQuantity();
            filledQuote = venue.cumulativeQuoteQuantity();
          }
          OrderStatus next = OrderStatus.fromVenue(venue.status(), order.status());
          return Optional.of(
              orders.update(
                  order.id(),
                  next,
                  venue.venueOrderId() > 0 ? venue.venueOrderId() : null,
                  filled,
                  filledQuote,
                  null,
                  null,
                  now,
                  next == order.status()
                      ? null
                      : new Orders.HistoryEntry(by, order.status(), because)));
        });
  }

  private static boolean earlier(ConnectorOrder venue, TradeOrder order) {
    if (venue.executedQuantity().compareTo(order.filledQuantity()) < 0) {
      return true;
    }
    OrderStatus reported = OrderStatus.fromVenue(venue.status(), order.status());
    return !order.status().isOpen() && reported.isOpen();
  }

  /**
   * Moves an order to {@code to} without a venue report (a refusal, an unknown outcome), recording
   * who and why; nothing happens when it is already closed.
   */
  public Optional<TradeOrder> transition(
      UUID orderId,
      OrderStatus to,
      String actor,
      String why,
      String rejectReason,
      String rejectMessage) {
    return tx.execute(
        status -> {
          TradeOrder order = orders.lock(orderId).orElseThrow();
          if (!order.status().isOpen() || order.status() == to) {
            return Optional.of(order);
          }
          Instant now = clock.instant();
          return Optional.of(
              orders.update(
                  orderId,
                  to,
                  null,
                  order.filledQuantity(),
                  order.filledQuoteQuantity(),
                  rejectReason,
                  rejectMessage,
                  now,
                  new Orders.HistoryEntry(actor, order.status(), why)));
        });
  }

  /** What {@link #recordTrade} did with a fill of the feed. */
  public enum TradeOutcome {
    /** Recorded: a fill, the position and balances moved, the cursor passed it. */
    RECORDED,
    /**
     * Recorded before (by this feed, or as a fill derived from the order's states before fills came
     * from the feed); only the cursor moved.
     */
    DUPLICATE,
    /** Not an order of trading-api (e.g. placed on the account by hand); the cursor passed it. */
    NOT_OURS,
    /**
     * It names only a venue order id and some order of the connection and symbol has none yet:
     * nothing changed; read it again once those orders are resolved.
     */
    ORDER_NOT_RESOLVED
  }

  /**
   * Records one fill of the connector's feed exactly once, with its commission: the position,
   * balances and the feed's cursor move in the same transaction.
   */
  public TradeOutcome recordTrade(String connection, ConnectorFill trade) {
    return tx.execute(
        status -> {
          Instant now = clock.instant();
          fills.lockCursor(connection, trade.symbol(), now);
          Optional<TradeOrder> found = ownOrder(connection, trade);
          if (found.isEmpty()) {
            if (trade.clientOrderId() == null) {
              List<UUID> unresolved = orders.withoutVenueOrderId(connection, trade.symbol());
              if (!unresolved.isEmpty()) {
                log.debug(
                    "Fill {}:{} waits for orders {} to learn their venue order ids",
                    trade.symbol(),
                    trade.tradeId(),
                    unresolved);
                return TradeOutcome.ORDER_NOT_RESOLVED;
              }
            }
            fills.advanceCursor(connection, trade.symbol(), trade.tradeId(), now);
            return TradeOutcome.NOT_OURS;
          }
          TradeOrder order = found.get();
          String fillId = trade.symbol() + ":" + trade.tradeId() + ":" + trade.orderId();
          if (!fills.claim(connection, fillId)
              || orders.passOverDerived(order.id(), trade.quantity())) {
            fills.advanceCursor(connection, trade.symbol(), trade.tradeId(), now);
            return TradeOutcome.DUPLICATE;
          }
          record(connection, order, trade, fillId, now);
          fills.advanceCursor(connection, trade.symbol(), trade.tradeId(), now);
          return TradeOutcome.RECORDED;
        });
  }

  private Optional<TradeOrder> ownOrder(String connection, ConnectorFill trade) {
    if (trade.clientOrderId() != null) {
      Optional<TradeOrder> byClientId =
          orders
              .lockByVenueClientOrderId(trade.clientOrderId())
              .filter(order -> order.brokerConnection().equals(connection));
      if (byClientId.isPresent()) {
        return byClientId;
      }
    }
    return orders.lockByVenueOrderId(connection, trade.symbol(), trade.orderId());
  }

  private void record(
      String connection, TradeOrder order, ConnectorFill trade, String fillId, Instant now) {
    Instrument instrument = instruments.require(order.symbol());
    BigDecimal quantity = trade.quantity();
    BigDecimal price = trade.price();
    BigDecimal quote = quantity.multiply(price);
    BigDecimal fee = feeInQuote(instrument, trade);
    BigDecimal signed = order.side().sign() > 0 ? quantity : quantity.negate();
    Position before = positions.lock(order.accountId(), order.symbol(), now);
    PositionMath.Result after = PositionMath.apply(before, signed, price, fee);
    positions.save(order.accountId(), order.symbol(), after.position(), now);
    orders.addRecorded(order.id(), quantity);
    positions.addToBalance(order.accountId(), instrument.baseAsset(), signed, now);
    positions.addToBalance(
        order.accountId(),
        instrument.quoteAsset(),
        order.side().sign() > 0 ? quote.negate() : quote,
        now);
    if (trade.commissionAsset() != null && trade.commission().signum() != 0) {
      positions.addToBalance(
          order.accountId(), trade.commissionAsset(), trade.commission().negate(), now);
    }
    Instant executedAt = trade.timeMillis() > 0 ? Instant.ofEpochMilli(trade.timeMillis()) : now;
    fills.insert(
        connection,
        trade.tradeId(),
        new Fill(
            fillId,
            order.id(),
            order.accountId(),
            order.symbol(),
            order.side().name(),
            quantity,
            price,
            quote,
            fee,
            fee.signum() == 0 ? null : instrument.quoteAsset(),
            trade.commission(),
            trade.commissionAsset(),
            after.realizedPnl(),
            executedAt),
        now);
  }

  /**
   * The commission in the quote asset: as charged when it is the quote asset, at the fill's price
   * when it is the base asset (what a BUY receives on Binance); zero in any other asset.
   */
  static BigDecimal feeInQuote(Instrument instrument, ConnectorFill trade) {
    if (trade.commissionAsset() == null || trade.commission().signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (trade.commissionAsset().equals(instrument.quoteAsset())) {
      return trade.commission();
    }
    if (trade.commissionAsset().equals(instrument.baseAsset())) {
      return trade.commission().multiply(trade.price());
    }
    return BigDecimal.ZERO;
  }
}
