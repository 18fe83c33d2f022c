package io.alphintra.tradingapi.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PositionMathTest {

  @Test
  void buysInTheSameDirectionAverageTheEntryPrice() {
    Position position = apply(Position.FLAT, "1", "100", "0").position();
    position = apply(position, "3", "120", "0").position();

    assertThat(position.quantity()).isEqualByComparingTo("4");
    assertThat(position.averagePrice()).isEqualByComparingTo("115");
    assertThat(position.realizedPnl()).isEqualByComparingTo("0");
  }

  @Test
  void aReducingSellRealizesAgainstTheAverageAndKeepsItForTheRest() {
    Position long2 = apply(Position.FLAT, "2", "100", "0").position();

    PositionMath.Result sold = apply(long2, "-0.5", "110", "0.25");

    assertThat(sold.realizedPnl()).isEqualByComparingTo("4.75");
    assertThat(sold.position().quantity()).isEqualByComparingTo("1.5");
    assertThat(sold.position().averagePrice()).isEqualByComparingTo("100");
    assertThat(sold.position().fees()).isEqualByComparingTo("0.25");
  }

  @Test
  void goingThroughZeroClosesAtTheAverageAndOpensTheRestAtTheFillPrice() {
    Position long1 = apply(Position.FLAT, "1", "100", "0").position();

    PositionMath.Result flipped = apply(long1, "-3", "90", "0");

    assertThat(flipped.realizedPnl()).isEqualByComparingTo("-10");
    assertThat(flipped.position().quantity()).isEqualByComparingTo("-2");
    assertThat(flipped.position().averagePrice()).isEqualByComparingTo("90");
  }

  @Test
  void aShortGainsWhenThePriceFalls() {
    Position short2 = apply(Position.FLAT, "-2", "100", "0").position();

    assertThat(PositionMath.unrealized(short2, new BigDecimal("95"))).isEqualByComparingTo("10");
    PositionMath.Result covered = apply(short2, "2", "95", "0");
    assertThat(covered.realizedPnl()).isEqualByComparingTo("10");
    assertThat(covered.position().quantity()).isEqualByComparingTo("0");
    assertThat(covered.position().averagePrice()).isEqualByComparingTo("0");
  }

  @Test
  void averagePricesStayExactDecimals() {
    Position position = apply(Position.FLAT, "1", "100", "0").position();
    position = apply(position, "2", "100.01", "0").position();

    assertThat(position.averagePrice().toPlainString()).isEqualTo("100.006666666666666667");
  }

  private static PositionMath.Result apply(
      Position position, String quantity, String price, String fee) {
    return PositionMath.apply(
        position, new BigDecimal(quantity), new BigDecimal(price), new BigDecimal(fee));
  }
}
