package io.alphintra.tradingapi.broker;

import java.math.BigDecimal;

/**
 * An order as the broker-connector reports it ({@code OrderView} there): the venue's word.
 *
 * @param clientOrderId the id the connector and venue know it by (our venue client order id)
 * @param venueOrderId the venue's order id, -1 while unknown
 * @param symbol e.g. BTCUSDT
 * @param status NEW, PARTIALLY_FILLED, FILLED, CANCELED, PENDING_CANCEL, REJECTED, EXPIRED,
 *     EXPIRED_IN_MATCH or UNKNOWN
 * @param executedQuantity filled so far
 * @param cumulativeQuoteQuantity quote amount filled so far
 * @param updateTime venue update time, epoch millis
 */
public record ConnectorOrder(
    String clientOrderId,
    long venueOrderId,
    String symbol,
    String status,
    BigDecimal executedQuantity,
    BigDecimal cumulativeQuoteQuantity,
    long updateTime) {}
