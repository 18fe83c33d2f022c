package io.alphintra.strategyengine.position;

import java.math.BigDecimal;

/**
 * A position in one symbol.
 *
 * @param quantity signed base quantity: positive long, negative short
 * @param averagePrice average entry price of the open quantity, zero when flat
 * @param realizedPnl realized PnL in the quote asset, fees deducted
 * @param fees fees paid in the quote asset
 */
public record Position(
    BigDecimal quantity, BigDecimal averagePrice, BigDecimal realizedPnl, BigDecimal fees) {

  public static final Position FLAT =
      new Position(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /** (last price - average price) x quantity. */
  public BigDecimal unrealizedAt(BigDecimal lastPrice) {
    return lastPrice.subtract(averagePrice).multiply(quantity);
  }
}
