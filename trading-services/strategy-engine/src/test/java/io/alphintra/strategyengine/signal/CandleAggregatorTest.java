package io.alphintra.strategyengine.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CandleAggregatorTest {

  @Test
  void tradesOfOneIntervalMakeOneCandleClosedByTheFirstTradeOfALaterInterval() {
    CandleAggregator aggregator = new CandleAggregator("BTCUSDT", Duration.ofSeconds(1));

    assertThat(aggregator.onTrade(dec("100"), dec("1"), 5_000)).isEmpty();
    assertThat(aggregator.onTrade(dec("103"), dec("0.5"), 5_400)).isEmpty();
    assertThat(aggregator.onTrade(dec("99"), dec("2"), 5_999)).isEmpty();
    Optional<Candle> closed = aggregator.onTrade(dec("101"), dec("1"), 7_100);

    assertThat(closed)
        .contains(
            new Candle(
                "BTCUSDT",
                Instant.ofEpochMilli(5_000),
                dec("100"),
                dec("103"),
                dec("99"),
                dec("99"),
                dec("3.5"),
                3));
  }

  @Test
  void theClockClosesACandleWhoseIntervalEndedWithoutALaterTrade() {
    CandleAggregator aggregator = new CandleAggregator("BTCUSDT", Duration.ofSeconds(1));
    aggregator.onTrade(dec("100"), dec("1"), 5_000);

    assertThat(aggregator.closeIfDue(5_999)).isEmpty();
    assertThat(aggregator.closeIfDue(6_000)).map(Candle::close).contains(dec("100"));
    assertThat(aggregator.closeIfDue(9_000)).as("no trades, no candle").isEmpty();
  }

  @Test
  void aLateTradeOfAClosedIntervalIsNotCounted() {
    CandleAggregator aggregator = new CandleAggregator("BTCUSDT", Duration.ofSeconds(1));
    aggregator.onTrade(dec("100"), dec("1"), 6_100);

    assertThat(aggregator.onTrade(dec("90"), dec("1"), 5_900)).isEmpty();
    assertThat(aggregator.closeIfDue(7_000)).map(Candle::low).contains(dec("100"));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
