package io.alphintra.tradingapi.position;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Average-cost position keeping: a fill in the position's direction moves the average price; one
 * against it realizes {@code (price - average) × closed quantity} (sign by direction) and, if it
 * goes through zero, opens the rest at the fill price. Fees are deducted from realized PnL.
 */
public final class PositionMath {

  /** Average prices carry 18 decimals, as the database column does. */
  private static final int AVERAGE_SCALE = 18;

  private PositionMath() {}

  /**
   * The position after a fill, and what the fill realized.
   *
   * @param position before
   * @param signedQuantity fill quantity, positive for a BUY, negative for a SELL
   * @param price fill price
   * @param fee fee in the quote asset (zero if none or in another asset)
   */
  public static Result apply(
      Position position, BigDecimal signedQuantity, BigDecimal price, BigDecimal fee) {
    BigDecimal quantity = position.quantity();
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal average = position.averagePrice();
    BigDecimal after = quantity.add(signedQuantity);
    if (quantity.signum() == 0 || quantity.signum() == signedQuantity.signum()) {
      average =
          quantity
              .multiply(average)
              .add(signedQuantity.multiply(price))
              .divide(after, MathContext.DECIMAL128)
              .setScale(AVERAGE_SCALE, RoundingMode.HALF_EVEN);
    } else {
      BigDecimal closed = signedQuantity.abs().min(quantity.abs());
      realized =
          price.subtract(average).multiply(closed).multiply(BigDecimal.valueOf(quantity.signum()));
      if (after.signum() == 0) {
        average = BigDecimal.ZERO;
      } else if (after.signum() != quantity.signum()) {
        average = price;
      }
    }
    BigDecimal realizedNet = realized.subtract(fee);
    return new Result(
        new Position(
            after, average, position.realizedPnl().add(realizedNet), position.fees().add(fee)),
        realizedNet);
  }

  /** Unrealized PnL of the open quantity at {@code lastPrice}. */
  public static BigDecimal unrealized(Position position, BigDecimal lastPrice) {
    return lastPrice.subtract(position.averagePrice()).multiply(position.quantity());
  }

  /**
   * A position after a fill.
   *
   * @param position the new position
   * @param realizedPnl what this fill realized, its fee deducted
   */
  public record Result(Position position, BigDecimal realizedPnl) {}
}
