package io.alphintra.tradingapi.risk;

import io.alphintra.tradingapi.order.OrderType;
import io.alphintra.tradingapi.order.Side;
import java.math.BigDecimal;

/**
 * An order as pre-trade risk sees it.
 *
 * @param symbol e.g. BTCUSDT
 * @param side BUY or SELL
 * @param type LIMIT, MARKET or LIMIT_MAKER
 * @param quantity base quantity
 * @param price limit price, null for MARKET
 */
public record OrderIntent(
    String symbol, Side side, OrderType type, BigDecimal quantity, BigDecimal price) {}
