package io.alphintra.strategyengine.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alphintra.strategyengine.config.StrategyConfig.MeanReversionParameters;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeanReversionTest {

  private static final BigDecimal QUANTITY = new BigDecimal("2");

  private static MeanReversion model() {
    return new MeanReversion(
        new MeanReversionParameters(5, new BigDecimal("1.5"), new BigDecimal("0.5"), QUANTITY));
  }

  /**
   * lookback 5, entry 1.5, exit 0.5; population standard deviation. By hand:
   *
   * <pre>
   * 10 x5                 std 0                                         -> none
   * 16  [10,10,10,10,16]  mean 11.2, var 28.8/5 = 5.76, std 2.4,  z = 4.8/2.4  = 2      -> short 2
   * 10  [10,10,10,16,10]  mean 11.2, std 2.4,                     z = -1.2/2.4 = -0.5   -> flat
   * 4   [10,10,16,10,4]   mean 10,   var 72/5 = 14.4, std 3.7947, z = -6/3.7947 = -1.581 -> long 2
   * 11  [10,16,10,4,11]   mean 10.2, var 72.8/5 = 14.56, std 3.8158, z = 0.8/3.8158 = 0.2097 -> flat
   * 14  [16,10,4,11,14]   mean 11,   var 84/5 = 16.8, std 4.0988,  z = 3/4.0988 = 0.7319 -> hold
   * </pre>
   */
  @Test
  void entersAgainstTheMoveBeyondTheEntryScoreAndExitsNearTheMean() {
    List<Optional<BigDecimal>> signals =
        SmaCrossoverTest.feed(model(), 10, 10, 10, 10, 10, 16, 10, 4, 11, 14);

    assertThat(signals)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(QUANTITY.negate()),
            Optional.of(BigDecimal.ZERO),
            Optional.of(QUANTITY),
            Optional.of(BigDecimal.ZERO),
            Optional.empty());
  }

  /** The z-score of the 4 in the window [10,10,16,10,4]: -6 / sqrt(14.4) = -1.58114 (by hand). */
  @Test
  void zScoreMatchesTheHandComputedValue() {
    MeanReversion model = model();
    SmaCrossoverTest.feed(model, 10, 10, 16, 10, 4);

    assertThat(model.zScore(new BigDecimal("4")).orElseThrow().doubleValue())
        .isCloseTo(-1.58114, within(0.00001));
  }
}
