package io.alphintra.strategyengine.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The strategy this engine runs, as the operator wrote it to strategy.json.
 *
 * @param namespace the Strategy's namespace
 * @param name the Strategy's name
 * @param revision hash of the spec parts the engine runs on, reported back in /status
 * @param type which built-in strategy
 * @param parameters its typed parameters
 * @param symbols upper-case exchange symbols
 * @param mode Paper or Live
 * @param risk local limits, null when none were given (Paper only)
 * @param capital quote-currency capital; equity is capital plus PnL
 * @param candleInterval the candle length the signals run on
 */
public record StrategyConfig(
    String namespace,
    String name,
    String revision,
    StrategyType type,
    SignalParameters parameters,
    List<String> symbols,
    TradingMode mode,
    RiskSettings risk,
    BigDecimal capital,
    Duration candleInterval) {

  /** The built-in strategies. */
  public enum StrategyType {
    SmaCrossover,
    MeanReversion
  }

  /** Where orders go: nowhere (simulated fills) or through trading-api to the venue. */
  public enum TradingMode {
    Paper,
    Live
  }

  /** A strategy type's parameters. */
  public sealed interface SignalParameters {
    /** Base quantity of the position a signal asks for. */
    BigDecimal orderQuantity();
  }

  /** SmaCrossover: fast and slow simple moving averages of candle closes. */
  public record SmaCrossoverParameters(int fastPeriod, int slowPeriod, BigDecimal orderQuantity)
      implements SignalParameters {}

  /** MeanReversion: z-score of the close against the mean of the last lookbackPeriod closes. */
  public record MeanReversionParameters(
      int lookbackPeriod, BigDecimal entryZScore, BigDecimal exitZScore, BigDecimal orderQuantity)
      implements SignalParameters {}

  /**
   * Local risk limits; a null limit is not checked.
   *
   * @param maxPositionNotional largest absolute position value per symbol
   * @param maxOrderNotional largest value of one order
   * @param maxDailyLoss loss since 00:00 UTC (realized and unrealized) that halts
   * @param maxDrawdownPercent drop from the equity peak, in percent, that halts
   * @param maxOrdersPerMinute most orders in any 60 seconds
   */
  public record RiskSettings(
      BigDecimal maxPositionNotional,
      BigDecimal maxOrderNotional,
      BigDecimal maxDailyLoss,
      BigDecimal maxDrawdownPercent,
      Integer maxOrdersPerMinute) {}
}
