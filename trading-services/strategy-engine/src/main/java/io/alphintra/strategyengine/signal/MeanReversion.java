package io.alphintra.strategyengine.signal;

import io.alphintra.strategyengine.config.StrategyConfig.MeanReversionParameters;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * z = (close - mean) / standard deviation over the last lookbackPeriod closes (the current one
 * included; population deviation). z at or below -entryZScore asks for a long position of
 * orderQuantity, at or above +entryZScore for a short one of orderQuantity, |z| at or within
 * exitZScore for flat; in between it holds. No signal while the window is not full or flat-lined.
 */
public final class MeanReversion implements SignalModel {

  private static final MathContext MATH = MathContext.DECIMAL64;

  private final int lookback;
  private final BigDecimal entry;
  private final BigDecimal exit;
  private final BigDecimal quantity;
  private final Deque<BigDecimal> closes = new ArrayDeque<>();

  public MeanReversion(MeanReversionParameters parameters) {
    this.lookback = parameters.lookbackPeriod();
    this.entry = parameters.entryZScore();
    this.exit = parameters.exitZScore();
    this.quantity = parameters.orderQuantity();
  }

  @Override
  public Optional<BigDecimal> onClose(BigDecimal close) {
    closes.addLast(close);
    if (closes.size() > lookback) {
      closes.removeFirst();
    }
    if (closes.size() < lookback) {
      return Optional.empty();
    }
    return zScore(close).flatMap(this::target);
  }

  /** The z-score of {@code close} in the current window; empty when the deviation is zero. */
  Optional<BigDecimal> zScore(BigDecimal close) {
    BigDecimal n = BigDecimal.valueOf(closes.size());
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal value : closes) {
      sum = sum.add(value);
    }
    BigDecimal mean = sum.divide(n, MATH);
    BigDecimal squares = BigDecimal.ZERO;
    for (BigDecimal value : closes) {
      BigDecimal deviation = value.subtract(mean);
      squares = squares.add(deviation.multiply(deviation));
    }
    BigDecimal deviation = squares.divide(n, MATH).sqrt(MATH);
    if (deviation.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(close.subtract(mean).divide(deviation, MATH));
  }

  private Optional<BigDecimal> target(BigDecimal z) {
    if (z.compareTo(entry.negate()) <= 0) {
      return Optional.of(quantity);
    }
    if (z.compareTo(entry) >= 0) {
      return Optional.of(quantity.negate());
    }
    if (z.abs().compareTo(exit) <= 0) {
      return Optional.of(BigDecimal.ZERO);
    }
    return Optional.empty();
  }
}
