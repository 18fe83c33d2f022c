package io.alphintra.strategyengine.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PositionMathTest {

  /**
   * By hand: buy 2 @ 100.5 (fee 0.201): long 2 @ 100.5, realized -0.201. Sell 0.5 @ 110 (fee
   * 0.055): realizes (110 - 100.5) x 0.5 = 4.75 - 0.055, total 4.494, long 1.5 @ 100.5. Sell 2 @ 90
   * (fee 0.18): closes 1.5 for (90 - 100.5) x 1.5 = -15.75 - 0.18, total -11.436, opens short 0.5 @
   * 90. At 80 the short is up (80 - 90) x -0.5 = 5.
   */
  @Test
  void averageCostRealizesOnReductionsAndReopensThroughZero() {
    Portfolio portfolio = new Portfolio();

    portfolio.apply(fill("2", "100.5", "0.201"));
    assertThat(portfolio.position("BTCUSDT").averagePrice()).isEqualByComparingTo("100.5");
    assertThat(portfolio.realizedPnl()).isEqualByComparingTo("-0.201");

    portfolio.apply(fill("-0.5", "110", "0.055"));
    assertThat(portfolio.position("BTCUSDT").quantity()).isEqualByComparingTo("1.5");
    assertThat(portfolio.position("BTCUSDT").averagePrice()).isEqualByComparingTo("100.5");
    assertThat(portfolio.realizedPnl()).isEqualByComparingTo("4.494");

    portfolio.apply(fill("-2", "90", "0.18"));
    Position position = portfolio.position("BTCUSDT");
    assertThat(position.quantity()).isEqualByComparingTo("-0.5");
    assertThat(position.averagePrice()).isEqualByComparingTo("90");
    assertThat(position.realizedPnl()).isEqualByComparingTo("-11.436");
    assertThat(position.fees()).isEqualByComparingTo("0.436");

    portfolio.mark("BTCUSDT", new BigDecimal("80"));
    assertThat(portfolio.unrealizedPnl()).isEqualByComparingTo("5");
  }

  /** Buy 1 @ 100 then 3 @ 104: average (100 + 312) / 4 = 103. */
  @Test
  void addingToAPositionMovesTheAveragePrice() {
    Position position = PositionMath.apply(Position.FLAT, fill("1", "100", "0"));
    position = PositionMath.apply(position, fill("3", "104", "0"));

    assertThat(position.averagePrice()).isEqualByComparingTo("103");
    assertThat(position.unrealizedAt(new BigDecimal("105"))).isEqualByComparingTo("8");
  }

  private static Fill fill(String quantity, String price, String fee) {
    return new Fill(
        "BTCUSDT",
        new BigDecimal(quantity),
        new BigDecimal(price),
        new BigDecimal(fee),
        Instant.EPOCH);
  }
}
