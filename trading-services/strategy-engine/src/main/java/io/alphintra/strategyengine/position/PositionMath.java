package io.alphintra.strategyengine.position;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Average-cost position keeping, the same for Paper and Live: a fill in the position's direction
 * moves the average price; one against it realizes (price - average) x closed quantity (sign by
 * direction) and, going through zero, opens the rest at the fill price. Fees are deducted from
 * realized PnL.
 */
public final class PositionMath {

  private static final int AVERAGE_SCALE = 18;

  private PositionMath() {}

  /** The position after {@code fill}. */
  public static Position apply(Position position, Fill fill) {
    BigDecimal quantity = position.quantity();
    BigDecimal signed = fill.signedQuantity();
    BigDecimal after = quantity.add(signed);
    BigDecimal average = position.averagePrice();
    BigDecimal realized = BigDecimal.ZERO;
    if (quantity.signum() == 0 || quantity.signum() == signed.signum()) {
      average =
          quantity
              .multiply(average)
              .add(signed.multiply(fill.price()))
              .divide(after, MathContext.DECIMAL128)
              .setScale(AVERAGE_SCALE, RoundingMode.HALF_EVEN)
              .stripTrailingZeros();
    } else {
      BigDecimal closed = signed.abs().min(quantity.abs());
      realized =
          fill.price()
              .subtract(average)
              .multiply(closed)
              .multiply(BigDecimal.valueOf(quantity.signum()));
      if (after.signum() == 0) {
        average = BigDecimal.ZERO;
      } else if (after.signum() != quantity.signum()) {
        average = fill.price();
      }
    }
    return new Position(
        after,
        average,
        position.realizedPnl().add(realized).subtract(fill.fee()),
        position.fees().add(fill.fee()));
  }
}
