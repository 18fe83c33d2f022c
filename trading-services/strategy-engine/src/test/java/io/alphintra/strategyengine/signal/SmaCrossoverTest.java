package io.alphintra.strategyengine.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.strategyengine.config.StrategyConfig.SmaCrossoverParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmaCrossoverTest {

  private static final BigDecimal QUANTITY = new BigDecimal("0.01");

  /**
   * fast 2, slow 3. By hand, per close (window of the last 3; fast = last 2):
   *
   * <pre>
   * 10, 10        window not full                                   -> none
   * 10            fast 10,   slow 10      (equal; first averages)    -> none
   * 13            fast 11.5, slow 11      above, was equal           -> cross up: long 0.01
   * 7             fast 10,   slow 10      equal, was above           -> none (touching is no cross)
   * 7             fast 7,    slow 9       below, was equal           -> cross down: flat
   * 12            fast 9.5,  slow 8.667   above, was below           -> cross up: long 0.01
   * 12            fast 12,   slow 10.333  above, was above           -> none
   * </pre>
   */
  @Test
  void crossingUpAsksForALongPositionAndCrossingDownForFlat() {
    List<Optional<BigDecimal>> signals =
        feed(new SmaCrossover(parameters(2, 3)), 10, 10, 10, 13, 7, 7, 12, 12);

    assertThat(signals)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(QUANTITY),
            Optional.empty(),
            Optional.of(BigDecimal.ZERO),
            Optional.of(QUANTITY),
            Optional.empty());
  }

  /**
   * fast 2, slow 4 over 1, 2, 3, 4, 3, 2: averages by hand are (fast/slow) 3.5/2.5 at the 4th close
   * (first pair, no signal), 3.5/3 at the 5th (still above), 2.5/3 at the 6th (cross down: flat).
   */
  @Test
  void theFirstAveragesNeverSignalAndStayingAboveIsSilent() {
    List<Optional<BigDecimal>> signals = feed(new SmaCrossover(parameters(2, 4)), 1, 2, 3, 4, 3, 2);

    assertThat(signals)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(BigDecimal.ZERO));
  }

  private static SmaCrossoverParameters parameters(int fast, int slow) {
    return new SmaCrossoverParameters(fast, slow, QUANTITY);
  }

  static List<Optional<BigDecimal>> feed(SignalModel model, double... closes) {
    List<Optional<BigDecimal>> signals = new ArrayList<>();
    for (double close : closes) {
      signals.add(model.onClose(BigDecimal.valueOf((long) close)));
    }
    return signals;
  }
}
