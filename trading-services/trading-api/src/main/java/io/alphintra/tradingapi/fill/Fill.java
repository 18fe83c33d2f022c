package io.alphintra.tradingapi.fill;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One execution, recorded once per (connection, venue fill id).
 *
 * @param venueFillId unique per connection; derived as {@code <venue client order id>:<cumulative
 *     filled quantity>} while fills are read from order states
 * @param orderId trading-api's order
 * @param accountId the account
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param quantity base quantity
 * @param price average price of this execution
 * @param quoteQuantity quote amount of this execution
 * @param fee fee charged (zero when the source does not report fees)
 * @param feeAsset the fee's asset, null when none
 * @param realizedPnl what it realized on the position, fee deducted
 * @param executedAt venue time of the execution
 */
public record Fill(
    String venueFillId,
    UUID orderId,
    String accountId,
    String symbol,
    String side,
    BigDecimal quantity,
    BigDecimal price,
    BigDecimal quoteQuantity,
    BigDecimal fee,
    String feeAsset,
    BigDecimal realizedPnl,
    Instant executedAt) {}
