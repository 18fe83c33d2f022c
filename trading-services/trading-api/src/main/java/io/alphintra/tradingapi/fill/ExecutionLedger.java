package io.alphintra.tradingapi.fill;

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
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of order states, fills, positions and balances. A venue report is applied with its
 * order row locked: the part of its cumulative filled quantity not yet recorded becomes one fill
 * whose id ({@code <venue client order id>:<cumulative quantity>}) is claimed in fill_key, so a
 * report seen twice, or by two threads, records nothing twice; the position and balances move in
 * the same transaction.
 */
@Component
public class ExecutionLedger {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ExecutionLedger.class);

  /** The actor of state changes the venue reported. */
  public static final String VENUE = "venue";

  private static final int PRICE_DECIMALS = 18;

  private final Orders orders;
  private final Fills fills;
  private final Positions positions;
  private final Instruments instruments;
  private final TransactionTemplate tx;
  private final Clock clock;

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
    return tx.execute(
        status -> {
          ConnectorOrder venue = report.order();
          TradeOrder order = orders.lockByVenueClientOrderId(venue.clientOrderId()).orElse(null);
          if (order == null) {
            return Optional.<TradeOrder>empty();
          }
          Instant now = clock.instant();
          BigDecimal filled = order.filledQuantity();
          BigDecimal filledQuote = order.filledQuoteQuantity();
          if (venue.executedQuantity().compareTo(filled) > 0) {
            record(report.brokerConnection(), order, venue, now);
            filled = venue.executedQuantity();
            filledQuote = venue.cumulativeQuoteQuantity();
          }
          OrderStatus next = OrderStatus.fromVenue(venue.status(), order.status());
          orders.update(
              order.id(),
              next,
              venue.venueOrderId() > 0 ? venue.venueOrderId() : null,
              filled,
              filledQuote,
              null,
              null,
              now);
          if (next != order.status()) {
            orders.appendEvent(order.id(), now, actor, order.status(), next, why);
          }
          return orders.find(order.id());
        });
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
          orders.update(
              orderId,
              to,
              null,
              order.filledQuantity(),
              order.filledQuoteQuantity(),
              rejectReason,
              rejectMessage,
              now);
          orders.appendEvent(orderId, now, actor, order.status(), to, why);
          return orders.find(orderId);
        });
  }

  private void record(String connection, TradeOrder order, ConnectorOrder venue, Instant now) {
    BigDecimal quantity = venue.executedQuantity().subtract(order.filledQuantity());
    BigDecimal quote = venue.cumulativeQuoteQuantity().subtract(order.filledQuoteQuantity());
    // The venue client order id, not the venue's order id: the connector reports -1 for the latter
    // while it does not know it, which would make fills of different orders collide.
    String fillId =
        order.venueClientOrderId()
            + ":"
            + venue.executedQuantity().stripTrailingZeros().toPlainString();
    if (!fills.claim(connection, fillId)) {
      log.warn(
          "Fill {} of order {} was already recorded; not recording it again", fillId, order.id());
      return;
    }
    Instrument instrument = instruments.require(order.symbol());
    BigDecimal price =
        quote
            .divide(quantity, MathContext.DECIMAL128)
            .setScale(PRICE_DECIMALS, RoundingMode.HALF_EVEN);
    BigDecimal signed = order.side().sign() > 0 ? quantity : quantity.negate();
    BigDecimal fee = BigDecimal.ZERO;
    Position before = positions.lock(order.accountId(), order.symbol(), now);
    PositionMath.Result after = PositionMath.apply(before, signed, price, fee);
    positions.save(order.accountId(), order.symbol(), after.position(), now);
    positions.addToBalance(order.accountId(), instrument.baseAsset(), signed, now);
    positions.addToBalance(
        order.accountId(),
        instrument.quoteAsset(),
        order.side().sign() > 0 ? quote.negate() : quote,
        now);
    Instant executedAt = venue.updateTime() > 0 ? Instant.ofEpochMilli(venue.updateTime()) : now;
    fills.insert(
        connection,
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
            null,
            after.realizedPnl(),
            executedAt),
        now);
  }
}
