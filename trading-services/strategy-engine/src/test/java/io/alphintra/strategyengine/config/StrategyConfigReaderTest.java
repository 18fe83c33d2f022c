package io.alphintra.strategyengine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphintra.strategyengine.config.StrategyConfig.MeanReversionParameters;
import io.alphintra.strategyengine.config.StrategyConfig.SmaCrossoverParameters;
import io.alphintra.strategyengine.config.StrategyConfig.StrategyType;
import io.alphintra.strategyengine.config.StrategyConfig.TradingMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyConfigReaderTest {

  /** The contract's example, as the operator writes it. */
  static final String CONTRACT_EXAMPLE =
      """
      {"namespace":"desk","name":"sma-btc","revision":"0123456789abcdef",
       "type":"SmaCrossover",
       "parameters":{"fastPeriod":5,"slowPeriod":20,"orderQuantity":"0.01"},
       "symbols":["BTCUSDT"], "mode":"Paper",
       "risk":{"maxPositionNotional":"5000","maxOrderNotional":"1000","maxDailyLoss":"200",
               "maxDrawdownPercent":"10","maxOrdersPerMinute":60},
       "capital":"10000",
       "candleInterval":"PT1M"}
      """;

  @Test
  void readsTheContractsExampleWithDecimalsAsBigDecimal() {
    StrategyConfig config = StrategyConfigReader.parse(CONTRACT_EXAMPLE);

    assertThat(config.name()).isEqualTo("sma-btc");
    assertThat(config.revision()).isEqualTo("0123456789abcdef");
    assertThat(config.type()).isEqualTo(StrategyType.SmaCrossover);
    assertThat(config.parameters())
        .isEqualTo(new SmaCrossoverParameters(5, 20, new BigDecimal("0.01")));
    assertThat(config.symbols()).isEqualTo(List.of("BTCUSDT"));
    assertThat(config.mode()).isEqualTo(TradingMode.Paper);
    assertThat(config.risk().maxDailyLoss()).isEqualByComparingTo("200");
    assertThat(config.risk().maxOrdersPerMinute()).isEqualTo(60);
    assertThat(config.capital()).isEqualByComparingTo("10000");
    assertThat(config.candleInterval()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void readsMeanReversionAndAPaperStrategyWithoutRisk() {
    StrategyConfig config =
        StrategyConfigReader.parse(
            """
            {"namespace":"desk","name":"mr","revision":"r","type":"MeanReversion",
             "parameters":{"lookbackPeriod":30,"entryZScore":"2","exitZScore":"0.5",
                           "orderQuantity":"0.1"},
             "symbols":["ETHUSDT"],"mode":"Paper","risk":null,"capital":"2500.50",
             "candleInterval":"PT1S"}
            """);

    assertThat(config.parameters())
        .isEqualTo(
            new MeanReversionParameters(
                30, new BigDecimal("2"), new BigDecimal("0.5"), new BigDecimal("0.1")));
    assertThat(config.risk()).isNull();
    assertThat(config.candleInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void everyWrongFieldIsNamedWithItsFix() {
    assertThatThrownBy(
            () ->
                StrategyConfigReader.parse(
                    """
                    {"namespace":"desk","name":"sma-btc","type":"SmaCrossover",
                     "parameters":{"fastPeriod":20,"slowPeriod":5,"orderQuantity":"-1"},
                     "symbols":["btc"],"mode":"Live","capital":"ten",
                     "candleInterval":"1 minute"}
                    """))
        .isInstanceOf(InvalidStrategyConfig.class)
        .hasMessageContaining(
            "parameters.fastPeriod (20) must be less than parameters.slowPeriod (5): swap or"
                + " change them")
        .hasMessageContaining("parameters.orderQuantity must be positive (got -1)")
        .hasMessageContaining("symbols entry 'btc' is not a symbol")
        .hasMessageContaining("risk is required in Live mode")
        .hasMessageContaining("capital 'ten' is not a decimal")
        .hasMessageContaining(
            "candleInterval '1 minute' is not an ISO-8601 duration: give one such as PT1M");
  }

  @Test
  void anUnknownTypeAndAnInvertedZScorePairAreExplained() {
    assertThatThrownBy(
            () ->
                StrategyConfigReader.parse(
                    """
                    {"namespace":"d","name":"n","type":"Momentum","symbols":["BTCUSDT"],
                     "capital":"1"}
                    """))
        .hasMessageContaining("type 'Momentum' is not one of [SmaCrossover, MeanReversion]");
    assertThatThrownBy(
            () ->
                StrategyConfigReader.parse(
                    """
                    {"namespace":"d","name":"n","type":"MeanReversion","symbols":["BTCUSDT"],
                     "capital":"1","parameters":{"lookbackPeriod":3,"entryZScore":"1",
                     "exitZScore":"1.5","orderQuantity":"1"}}
                    """))
        .hasMessageContaining("parameters.lookbackPeriod must be a whole number from 5 to 5000")
        .hasMessageContaining(
            "parameters.exitZScore (1.5) must be less than parameters.entryZScore (1)");
  }

  @Test
  void aMissingFileSaysWhereItWasLookedFor() {
    assertThatThrownBy(() -> StrategyConfigReader.read(Path.of("/nonexistent/strategy.json")))
        .hasMessageContaining(
            "/nonexistent/strategy.json does not exist: mount the Strategy's ConfigMap there or"
                + " set ALPHINTRA_STRATEGY_CONFIG");
    assertThatThrownBy(() -> StrategyConfigReader.parse("{not json"))
        .hasMessageContaining("strategy.json is not valid JSON");
  }
}
