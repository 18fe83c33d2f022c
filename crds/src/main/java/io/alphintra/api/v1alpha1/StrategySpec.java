package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The desired state of a Strategy.
 *
 * @param environmentRef The TradingEnvironment (same namespace) whose trading-api receives the
 *     orders.
 * @param brokerConnectionRef The BrokerConnection (same namespace) that supplies market data and,
 *     in Live mode, executes the orders.
 * @param type The built-in strategy to run; set the matching parameter block (smaCrossover or
 *     meanReversion).
 * @param smaCrossover Parameters of type SmaCrossover; only with that type.
 * @param meanReversion Parameters of type MeanReversion; only with that type.
 * @param symbols Exchange symbols to trade, upper case, e.g. BTCUSDT.
 * @param candleInterval The candles the signals run on, built from the connection's trades: 1s, 5s,
 *     15s, 30s, 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h or 1d.
 * @param mode Paper (simulated fills) or Live (real orders; requires risk).
 * @param risk Limits the engine enforces before every order; a breach halts the strategy. Required
 *     in Live mode.
 * @param capital Quote-currency capital allotted to the strategy, a decimal such as 10000 or
 *     2500.50.
 * @param suspend When true the strategy stops placing orders, cancels its open ones and scales to
 *     zero.
 * @param resources CPU and memory of the strategy-engine container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'SmaCrossover' || (has(self.smaCrossover) && !has(self.meanReversion))",
    message =
        "spec.type SmaCrossover needs spec.smaCrossover and no spec.meanReversion: add the smaCrossover block and remove the other")
@ValidationRule(
    value = "self.type != 'MeanReversion' || (has(self.meanReversion) && !has(self.smaCrossover))",
    message =
        "spec.type MeanReversion needs spec.meanReversion and no spec.smaCrossover: add the meanReversion block and remove the other")
@ValidationRule(
    value = "self.mode != 'Live' || has(self.risk)",
    message =
        "spec.risk is required when spec.mode is Live: set maxPositionNotional, maxOrderNotional and maxDailyLoss")
public record StrategySpec(
    @Required LocalObjectReference environmentRef,
    @Required LocalObjectReference brokerConnectionRef,
    @Required StrategyType type,
    SmaCrossoverParameters smaCrossover,
    MeanReversionParameters meanReversion,
    @Required @Size(min = 1, max = 20) List<@Pattern(Patterns.SYMBOL) String> symbols,
    @Default("1m") @Pattern(Patterns.CANDLE_INTERVAL) String candleInterval,
    @Default("Paper") TradingMode mode,
    RiskLimits risk,
    @Required @Pattern(Patterns.DECIMAL) String capital,
    @Default("false") Boolean suspend,
    ComputeResources resources) {

  /** The candle interval, defaulted to one minute. */
  public String candleIntervalOrDefault() {
    return candleInterval != null ? candleInterval : "1m";
  }

  /** The mode, defaulted to Paper. */
  public TradingMode modeOrDefault() {
    return mode != null ? mode : TradingMode.Paper;
  }

  /** Whether the user suspended the strategy. */
  public boolean suspendOrDefault() {
    return Boolean.TRUE.equals(suspend);
  }
}
