package io.alphintra.tradingapi.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/**
 * A new order. Retrying with the same {@code clientOrderId} on the same account returns the first
 * outcome and never creates a second order.
 *
 * @param clientOrderId the caller's idempotency key: 1-64 of letters, digits and ._:/-
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param timeInForce GTC (default), IOC or FOK for LIMIT; empty otherwise
 * @param quantity base quantity, at most the symbol's quantity scale in decimals
 * @param price limit price, at most the symbol's price scale in decimals; empty for MARKET
 */
public record PlaceOrderRequest(
    @NotBlank
        @Pattern(
            regexp = "^[A-Za-z0-9._:/-]{1,64}$",
            message = "must be 1-64 of letters, digits and ._:/-")
        String clientOrderId,
    @NotBlank String symbol,
    @NotNull Side side,
    @NotNull OrderType type,
    TimeInForce timeInForce,
    @NotNull @Positive BigDecimal quantity,
    @Positive BigDecimal price) {}
