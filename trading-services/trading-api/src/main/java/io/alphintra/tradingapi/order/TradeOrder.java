package io.alphintra.tradingapi.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An order as trading-api records it.
 *
 * @param id trading-api's id
 * @param accountId the account it trades for
 * @param clientOrderId the caller's idempotency key, unique per account
 * @param venueClientOrderId the id sent to the connector and venue, unique per connection
 * @param brokerConnection the BrokerConnection it was routed to
 * @param venueOrderId the venue's id, null until acknowledged
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param timeInForce GTC/IOC/FOK for LIMIT, else null
 * @param quantity base quantity ordered
 * @param price limit price, null for MARKET
 * @param status current state
 * @param filledQuantity filled so far (the sum of its fills)
 * @param filledQuoteQuantity quote amount filled so far
 * @param rejectReason stable code when REJECTED (connector reason or ours)
 * @param rejectMessage what the venue or connector said
 * @param placedBy the subject that placed it
 * @param createdAt when trading-api accepted it
 * @param updatedAt last change
 */
public record TradeOrder(
    UUID id,
    String accountId,
    String clientOrderId,
    String venueClientOrderId,
    String brokerConnection,
    Long venueOrderId,
    String symbol,
    Side side,
    OrderType type,
    TimeInForce timeInForce,
    BigDecimal quantity,
    BigDecimal price,
    OrderStatus status,
    BigDecimal filledQuantity,
    BigDecimal filledQuoteQuantity,
    String rejectReason,
    String rejectMessage,
    String placedBy,
    Instant createdAt,
    Instant updatedAt) {}
