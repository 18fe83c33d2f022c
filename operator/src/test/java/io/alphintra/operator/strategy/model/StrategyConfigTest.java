package io.alphintra.operator.strategy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyConfigTest {

  @Test
  void everyIntervalTheSchemaAllowsBecomesTheDurationTheEngineReads() {
    Map<String, Duration> expected =
        Map.ofEntries(
            Map.entry("1s", Duration.ofSeconds(1)),
            Map.entry("5s", Duration.ofSeconds(5)),
            Map.entry("15s", Duration.ofSeconds(15)),
            Map.entry("30s", Duration.ofSeconds(30)),
            Map.entry("1m", Duration.ofMinutes(1)),
            Map.entry("3m", Duration.ofMinutes(3)),
            Map.entry("5m", Duration.ofMinutes(5)),
            Map.entry("15m", Duration.ofMinutes(15)),
            Map.entry("30m", Duration.ofMinutes(30)),
            Map.entry("1h", Duration.ofHours(1)),
            Map.entry("2h", Duration.ofHours(2)),
            Map.entry("4h", Duration.ofHours(4)),
            Map.entry("1d", Duration.ofDays(1)));

    expected.forEach(
        (interval, duration) ->
            assertThat(Duration.parse(StrategyConfig.isoDuration(interval)))
                .as(interval)
                .isEqualTo(duration));
  }

  @Test
  void anIntervalWithoutAUnitIsRefused() {
    assertThatThrownBy(() -> StrategyConfig.isoDuration("10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10");
  }
}
