package io.alphintra.strategyengine.signal;

import io.alphintra.strategyengine.config.StrategyConfig;
import io.alphintra.strategyengine.config.StrategyConfig.MeanReversionParameters;
import io.alphintra.strategyengine.config.StrategyConfig.SmaCrossoverParameters;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A built-in strategy's signal math for one symbol: fed each closed candle's close, it answers the
 * position (signed base quantity) it now wants, or empty when it does not change its mind.
 */
public interface SignalModel {

  Optional<BigDecimal> onClose(BigDecimal close);

  /** A fresh model for one symbol of {@code config}. */
  static SignalModel of(StrategyConfig config) {
    return switch (config.parameters()) {
      case SmaCrossoverParameters p -> new SmaCrossover(p);
      case MeanReversionParameters p -> new MeanReversion(p);
    };
  }
}
