package io.alphintra.brokersimulator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.engine.Instrument;
import io.alphintra.brokersimulator.engine.Trade;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TapeStatisticsTest {

  /** 1 tick * 1 lot = 10 quote units. */
  private static final Instrument SIM = new Instrument("SIMUSDT", 0, 1, 1_000, 10, 0, 0);

  private static final long T0 = Instant.parse("2026-03-04T10:15:30Z").toEpochMilli();

  private final TapeStatistics statistics = new TapeStatistics(List.of(SIM));

  @Test
  void candleAggregatesTheTradesOfItsIntervalAndTakerBuys() {
    statistics.record(trade(1, 100, 2, false, T0));
    statistics.record(trade(2, 105, 1, true, T0 + 10_000));
    statistics.record(trade(3, 99, 3, false, T0 + 20_000));

    TradeStatistics.Candle candle =
        statistics.candle("SIMUSDT", KlineInterval.MINUTE_1, T0 + 25_000).orElseThrow();

    assertThat(candle.openTime()).isEqualTo(Instant.parse("2026-03-04T10:15:00Z").toEpochMilli());
    assertThat(candle.closeTime()).isEqualTo(candle.openTime() + 59_999);
    assertThat(
            List.of(candle.openTicks(), candle.highTicks(), candle.lowTicks(), candle.closeTicks()))
        .containsExactly(100L, 105L, 99L, 99L);
    assertThat(candle.volumeLots()).isEqualTo(6);
    assertThat(candle.quoteUnits()).isEqualTo((100 * 2 + 105 + 99 * 3) * 10L);
    assertThat(candle.takerBuyLots()).isEqualTo(5);
    assertThat(candle.firstTradeId()).isEqualTo(1);
    assertThat(candle.lastTradeId()).isEqualTo(3);
    assertThat(candle.trades()).isEqualTo(3);
  }

  @Test
  void quietIntervalsAreEmptyCandlesAtTheLastClose() {
    statistics.record(trade(1, 100, 2, false, T0));
    statistics.record(trade(2, 110, 1, false, T0 + 5 * 60_000));

    TradeStatistics.Candle quiet =
        statistics.candle("SIMUSDT", KlineInterval.MINUTE_1, T0 + 2 * 60_000).orElseThrow();
    TradeStatistics.Candle later =
        statistics.candle("SIMUSDT", KlineInterval.MINUTE_1, T0 + 9 * 60_000).orElseThrow();

    assertThat(quiet.trades()).isZero();
    assertThat(quiet.openTicks()).isEqualTo(100);
    assertThat(quiet.firstTradeId()).isEqualTo(-1);
    assertThat(later.closeTicks()).isEqualTo(110);
    assertThat(later.volumeLots()).isZero();
  }

  @Test
  void rollingWindowCoversTheLast24HoursAndRemembersThePriceBefore() {
    statistics.record(trade(1, 90, 1, false, T0 - 25 * 3_600_000L));
    statistics.record(trade(2, 100, 2, false, T0 - 3_600_000L));
    statistics.record(trade(3, 120, 1, true, T0));

    TradeStatistics.RollingWindow window = statistics.rolling24h("SIMUSDT", T0).orElseThrow();

    assertThat(window.openTicks()).isEqualTo(100);
    assertThat(window.highTicks()).isEqualTo(120);
    assertThat(window.lastTicks()).isEqualTo(120);
    assertThat(window.volumeLots()).isEqualTo(3);
    assertThat(window.firstTradeId()).isEqualTo(2);
    assertThat(window.trades()).isEqualTo(2);
    assertThat(window.closeTime() - window.openTime()).isEqualTo(86_400_000L);
  }

  @Test
  void rollingWindowsOpenAtTheStartOfTheMinuteTheirSizeAgo() {
    statistics.record(trade(1, 90, 1, false, T0 - 2 * 3_600_000L));
    statistics.record(trade(2, 100, 2, false, T0 - 30 * 60_000L));
    statistics.record(trade(3, 110, 1, false, T0));

    TradeStatistics.RollingWindow hour =
        statistics.rolling("SIMUSDT", 3_600_000L, T0).orElseThrow();

    assertThat(hour.openTime()).isEqualTo(Instant.parse("2026-03-04T09:15:00Z").toEpochMilli());
    assertThat(hour.closeTime()).isEqualTo(T0);
    assertThat(hour.firstTradeId()).isEqualTo(2);
    assertThat(hour.openTicks()).isEqualTo(100);
    assertThat(hour.volumeLots()).isEqualTo(3);
    assertThat(hour.prevCloseTicks()).isEqualTo(90);
  }

  @Test
  void averagePriceWeighsTheLastFiveMinutesByVolume() {
    statistics.record(trade(1, 50, 10, false, T0 - 10 * 60_000));
    statistics.record(trade(2, 100, 1, false, T0 - 60_000));
    statistics.record(trade(3, 200, 3, false, T0));

    TradeStatistics.AveragePrice average = statistics.averagePrice("SIMUSDT", T0).orElseThrow();

    assertThat(average.volumeLots()).isEqualTo(4);
    assertThat(average.quoteUnits()).isEqualTo((100 + 600) * 10L);
    assertThat(average.lastTradeTime()).isEqualTo(T0);
  }

  @Test
  void weeksOpenOnMondayAndMonthsOnTheFirst() {
    long wednesday = Instant.parse("2026-03-04T10:00:00Z").toEpochMilli();

    assertThat(Instant.ofEpochMilli(KlineInterval.WEEK_1.openTime(wednesday)))
        .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(KlineInterval.MONTH_1.openTime(wednesday)))
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(
            Instant.ofEpochMilli(
                KlineInterval.MONTH_1.closeTime(KlineInterval.MONTH_1.openTime(wednesday)) + 1))
        .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
  }

  private static Trade trade(long id, long ticks, long lots, boolean buyerIsMaker, long time) {
    return new Trade("SIMUSDT", id, ticks, lots, id * 2, id * 2 + 1, buyerIsMaker, time);
  }
}
