package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.instrument.Instrument;
import java.time.Instant;

/**
 * An order on the wire: decimals as strings with the symbol's scales.
 *
 * @param accountId the account
 * @param clientOrderId the caller's id
 * @param orderId trading-api's id
 * @param venueOrderId the venue's id, null until acknowledged
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param timeInForce GTC/IOC/FOK or null
 * @param quantity ordered
 * @param price limit price or null
 * @param status PENDING_NEW, UNKNOWN, NOT_SENT, NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED,
 *     EXPIRED
 * @param filledQuantity filled so far
 * @param averageFillPrice average fill price, null before the first fill
 * @param rejectReason stable code when REJECTED, why when NOT_SENT (e.g. CONNECTOR_UNREACHABLE),
 *     NOT_ON_VENUE when EXPIRED because the venue has no record of the order
 * @param rejectMessage the venue's or connector's words with that code
 * @param createdAt accepted by trading-api
 * @param updatedAt last change
 */
public record OrderView(
    String accountId,
    String clientOrderId,
    String orderId,
    Long venueOrderId,
    String symbol,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    String quantity,
    String price,
    OrderStatus status,
    String filledQuantity,
    String averageFillPrice,
    String rejectReason,
    String rejectMessage,
    Instant createdAt,
    Instant updatedAt) {

  static OrderView of(TradeOrder order, Instrument instrument) {
    return new OrderView(
        order.accountId(),
        order.clientOrderId(),
        order.id().toString(),
        order.venueOrderId(),
        order.symbol(),
        order.side(),
        order.type(),
        order.timeInForce(),
        instrument.quantity(order.quantity()).toPlainString(),
        order.price() == null ? null : instrument.price(order.price()).toPlainString(),
        order.status(),
        instrument.quantity(order.filledQuantity()).toPlainString(),
        order.filledQuantity().signum() == 0
            ? null
            : instrument
                .price(
                    order
                        .filledQuoteQuantity()
                        .divide(order.filledQuantity(), java.math.MathContext.DECIMAL128))
                .toPlainString(),
        order.rejectReason(),
        order.rejectMessage(),
        order.createdAt(),
        order.updatedAt());
  }
}
