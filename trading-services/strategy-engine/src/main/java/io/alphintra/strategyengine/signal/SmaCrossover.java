package io.alphintra.strategyengine.signal;

import io.alphintra.strategyengine.config.StrategyConfig.SmaCrossoverParameters;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;

/**
 * The fast simple moving average of closes crossing above the slow one asks for a long position of
 * orderQuantity; crossing below asks to be flat (spot venues do not lend for shorts). A cross needs
 * the averages of the previous candle too, so the first signal can come at candle slowPeriod + 1.
 */
public final class SmaCrossover implements SignalModel {

  private final int fast;
  private final int slow;
  private final BigDecimal quantity;
  private final Deque<BigDecimal> closes = new ArrayDeque<>();

  /** Sign of (fast SMA - slow SMA) at the previous candle; null before there was one. */
  private Integer previousSign;

  public SmaCrossover(SmaCrossoverParameters parameters) {
    this.fast = parameters.fastPeriod();
    this.slow = parameters.slowPeriod();
    this.quantity = parameters.orderQuantity();
  }

  @Override
  public Optional<BigDecimal> onClose(BigDecimal close) {
    closes.addLast(close);
    if (closes.size() > slow) {
      closes.removeFirst();
    }
    if (closes.size() < slow) {
      return Optional.empty();
    }
    BigDecimal slowSum = BigDecimal.ZERO;
    BigDecimal fastSum = BigDecimal.ZERO;
    int index = 0;
    for (Iterator<BigDecimal> it = closes.descendingIterator(); it.hasNext(); index++) {
      BigDecimal value = it.next();
      slowSum = slowSum.add(value);
      if (index < fast) {
        fastSum = fastSum.add(value);
      }
    }
    // fastSum/fast vs slowSum/slow, compared exactly without dividing.
    int sign =
        fastSum
            .multiply(BigDecimal.valueOf(slow))
            .compareTo(slowSum.multiply(BigDecimal.valueOf(fast)));
    Integer before = previousSign;
    previousSign = sign;
    if (before == null) {
      return Optional.empty();
    }
    if (before <= 0 && sign > 0) {
      return Optional.of(quantity);
    }
    if (before >= 0 && sign < 0) {
      return Optional.of(BigDecimal.ZERO);
    }
    return Optional.empty();
  }
}
