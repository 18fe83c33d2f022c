package io.alphintra.brokerconnector.order;

import java.math.BigDecimal;

/**
 * An order's state as last known from the venue.
 *
 * @param clientOrderId the platform's id, unique per account
 * @param venueOrderId the venue's orderId, or -1 while unknown
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param timeInForce GTC/IOC/FOK (the venue reports GTC for LIMIT_MAKER)
 * @param price limit price; null for MARKET
 * @param quantity original quantity
 * @param executedQuantity quantity filled so far
 * @param cumulativeQuoteQuantity quote-asset amount filled so far
 * @param status venue status, or UNKNOWN while being reconciled
 * @param updateTime venue update time in epoch millis
 */
public record BrokerOrder(
    String clientOrderId,
    long venueOrderId,
    String symbol,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal executedQuantity,
    BigDecimal cumulativeQuoteQuantity,
    OrderStatus status,
    long updateTime) {

  /** A placeholder for an order whose outcome is not established yet. */
  public static BrokerOrder unknown(OrderRequest request) {
    return new BrokerOrder(
        request.clientOrderId(),
        -1,
        request.symbol(),
        request.side(),
        request.type(),
        request.timeInForce(),
        request.price(),
        request.quantity(),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        OrderStatus.UNKNOWN,
        0);
  }
}
