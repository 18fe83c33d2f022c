package io.alphintra.tradingapi.fill;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One execution, recorded once per (connection, venue fill id).
 *
 * @param venueFillId unique per connection: {@code <symbol>:<venue trade id>:<venue order id>} (a
 *     self-trade is two fills of one trade)
 * @param orderId trading-api's order
 * @param accountId the account
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param quantity base quantity
 * @param price average price of this execution
 * @param quoteQuantity quote amount of this execution
 * @param fee the venue's commission valued in the quote asset (a base-asset commission at the
 *     fill's price), as realized PnL deducts it; zero for a commission in a third asset, which has
 *     no price here
 * @param feeAsset the quote asset when {@code fee} is not zero, else null
 * @param commission what the venue charged, in {@code commissionAsset}
 * @param commissionAsset the asset the venue charged (Binance: the asset the order received)
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
    BigDecimal commission,
    String commissionAsset,
    BigDecimal realizedPnl,
    Instant executedAt) {}
