package io.alphintra.tradingapi.position;

import java.math.BigDecimal;

/**
 * An account's holding of one symbol, in the quote asset where it is money.
 *
 * @param quantity signed: positive long, negative short
 * @param averagePrice average entry price of the open quantity (zero when flat)
 * @param realizedPnl realized PnL, fees deducted
 * @param fees fees paid
 */
public record Position(
    BigDecimal quantity, BigDecimal averagePrice, BigDecimal realizedPnl, BigDecimal fees) {

  public static final Position FLAT =
      new Position(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
}
