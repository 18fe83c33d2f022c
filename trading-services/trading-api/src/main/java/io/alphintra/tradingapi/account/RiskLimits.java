package io.alphintra.tradingapi.account;

import java.math.BigDecimal;
import java.util.List;

/**
 * An account's pre-trade limits; a null limit is not checked.
 *
 * @param allowedSymbols symbols the account may trade; null: every configured instrument
 * @param maxOrderNotional largest price × quantity of one order, in the quote asset
 * @param maxPositionNotional largest |position after the order| × price, in the quote asset
 * @param priceBandBps how far (basis points) a limit price may be from the last trade price
 * @param maxOrdersPerSecond new orders accepted per account per second
 * @param maxOpenOrders orders of the account open at once (not yet filled, canceled, ...)
 */
public record RiskLimits(
    List<String> allowedSymbols,
    BigDecimal maxOrderNotional,
    BigDecimal maxPositionNotional,
    Integer priceBandBps,
    Integer maxOrdersPerSecond,
    Integer maxOpenOrders) {

  public static final RiskLimits NONE = new RiskLimits(null, null, null, null, null, null);
}
