package io.alphintra.brokerconnector.order;

/**
 * An order on the wire: decimals as plain strings (never floating point), statuses with Binance's
 * names.
 *
 * @param clientOrderId the platform's id
 * @param venueOrderId the venue's orderId, -1 while unknown
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param timeInForce GTC, IOC or FOK
 * @param price limit price; null for MARKET
 * @param quantity original quantity
 * @param executedQuantity filled so far
 * @param cumulativeQuoteQuantity quote amount filled so far
 * @param status NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED, EXPIRED_IN_MATCH or
 *     UNKNOWN
 * @param updateTime venue update time, epoch millis
 */
public record OrderView(
    String clientOrderId,
    long venueOrderId,
    String symbol,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    String price,
    String quantity,
    String executedQuantity,
    String cumulativeQuoteQuantity,
    OrderStatus status,
    long updateTime) {

  static OrderView of(BrokerOrder order) {
    return new OrderView(
        order.clientOrderId(),
        order.venueOrderId(),
        order.symbol(),
        order.side(),
        order.type(),
        order.timeInForce(),
        order.price() == null ? null : order.price().toPlainString(),
        order.quantity().toPlainString(),
        order.executedQuantity().toPlainString(),
        order.cumulativeQuoteQuantity().toPlainString(),
        order.status(),
        order.updateTime());
  }
}
