package io.alphintra.brokersimulator.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.engine.Instrument;
import io.alphintra.brokersimulator.engine.Trade;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketDataTest {

  /** 1 tick * 1 lot = 10 quote units. */
  private static final Instrument SIM = new Instrument("SIMUSDT", 0, 1, 100_000, 10, 0, 0);

  private static final long T0 = Instant.parse("2026-11-30T10:00:00Z").toEpochMilli();

  private final MarketData data =
      new MarketData(List.of(SIM), new MarketDataProperties(8, 1_000, 1_000));
  private long nextTradeId = 1;

  @Test
  void oneTakersFillsAtOnePriceAggregateIntoOneTrade() {
    trade(100, 2, 7, true, T0);
    trade(100, 3, 7, true, T0);
    trade(101, 1, 7, true, T0);
    trade(101, 1, 8, false, T0);

    List<AggregateTrade> aggregates = data.recentAggregateTrades("SIMUSDT", 10);

    assertThat(aggregates)
        .extracting(AggregateTrade::priceTicks, AggregateTrade::quantityLots)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(100L, 5L),
            org.assertj.core.groups.Tuple.tuple(101L, 1L),
            org.assertj.core.groups.Tuple.tuple(101L, 1L));
    assertThat(aggregates.get(0).firstTradeId()).isEqualTo(1);
    assertThat(aggregates.get(0).lastTradeId()).isEqualTo(2);
    assertThat(data.aggregateTradesFrom("SIMUSDT", 2, 10)).hasSize(2);
  }

  @Test
  void theTapeKeepsOnlyTheNewestTradesItHasRoomFor() {
    for (int i = 0; i < 12; i++) {
      trade(100 + i, 1, i, false, T0 + i);
    }

    assertThat(data.recentTrades("SIMUSDT", 100))
        .extracting(PublicTrade::id)
        .hasSize(8)
        .startsWith(5L);
    assertThat(data.tradesFrom("SIMUSDT", 1, 3))
        .extracting(PublicTrade::id)
        .containsExactly(5L, 6L, 7L);
    assertThat(data.lastTrade("SIMUSDT").priceTicks()).isEqualTo(111);
  }

  @Test
  void quietIntervalsBetweenTradesRepeatTheLastClose() {
    trade(100, 1, 1, false, T0 + 5_000);
    trade(104, 2, 2, false, T0 + 3 * 60_000 + 1);

    List<Kline> minutes =
        data.klines("SIMUSDT", KlineInterval.MINUTE_1, ZoneOffset.UTC, null, T0 + 10 * 60_000, 500);

    assertThat(minutes)
        .extracting(Kline::openTime)
        .containsExactly(T0, T0 + 60_000, T0 + 120_000, T0 + 180_000);
    assertThat(minutes.get(1).closeTicks()).isEqualTo(100);
    assertThat(minutes.get(1).volumeLots()).isZero();
    assertThat(minutes.get(3).closeTicks()).isEqualTo(104);
    assertThat(minutes.get(3).quoteUnits()).isEqualTo(104 * 2 * 10);
    assertThat(
            data.klines("SIMUSDT", KlineInterval.MINUTE_1, ZoneOffset.UTC, null, T0 + 600_000, 2))
        .extracting(Kline::openTime)
        .containsExactly(T0 + 120_000, T0 + 180_000);
    assertThat(
            data.klines(
                "SIMUSDT", KlineInterval.MINUTE_1, ZoneOffset.UTC, T0 + 1, T0 + 600_000, 500))
        .extracting(Kline::openTime)
        .startsWith(T0 + 60_000);
  }

  @Test
  void weeksOpenOnMondayAndMonthsOnTheFirstInTheRequestedZone() {
    long sunday = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();
    ZoneOffset tokyo = ZoneOffset.ofHours(9);

    assertThat(Instant.ofEpochMilli(KlineInterval.WEEK_1.openTime(sunday, ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(KlineInterval.MONTH_1.openTime(T0, ZoneOffset.UTC)))
        .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    // 2026-11-30T22:00Z is already December 1st in Tokyo.
    long lateUtc = Instant.parse("2026-11-30T22:00:00Z").toEpochMilli();
    assertThat(Instant.ofEpochMilli(KlineInterval.MONTH_1.openTime(lateUtc, tokyo)))
        .isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(Instant.ofEpochMilli(KlineInterval.DAY_1.openTime(lateUtc, tokyo)))
        .isEqualTo(Instant.parse("2026-11-30T15:00:00Z"));
    assertThat(
            KlineInterval.MONTH_1.nextOpenTime(
                KlineInterval.MONTH_1.openTime(T0, ZoneOffset.UTC), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
    assertThat(KlineInterval.of("1M")).contains(KlineInterval.MONTH_1);
    assertThat(KlineInterval.of("1m")).contains(KlineInterval.MINUTE_1);
    assertThat(KlineInterval.of("2m")).isEmpty();
  }

  @Test
  void windowStatisticsAndAveragePriceCoverTheirMinutes() {
    trade(90, 1, 1, false, T0 - 2 * 60_000);
    trade(100, 1, 2, false, T0 + 1_000);
    trade(110, 3, 3, true, T0 + 2_000);

    WindowStatistics window = data.window("SIMUSDT", T0, T0 + 60_000);
    AveragePrice average = data.averagePrice("SIMUSDT", 1, T0 + 30_000);

    assertThat(window.openTicks()).isEqualTo(100);
    assertThat(window.highTicks()).isEqualTo(110);
    assertThat(window.lastTicks()).isEqualTo(110);
    assertThat(window.volumeLots()).isEqualTo(4);
    assertThat(window.firstTradeId()).isEqualTo(2);
    assertThat(window.count()).isEqualTo(2);
    assertThat(window.previousCloseTicks()).isEqualTo(90);
    assertThat(window.lastQuantityLots()).isEqualTo(3);
    assertThat(average.quoteUnits()).isEqualTo((100 + 330) * 10);
    assertThat(average.lots()).isEqualTo(4);
    assertThat(data.window("SIMUSDT", T0 + 3_600_000, T0 + 3_700_000).firstTradeId()).isEqualTo(-1);
  }

  @Test
  void klineAtATimeIsTheKlinesRowOfItsIntervalWithItsTradeIds() {
    trade(100, 2, 1, false, T0 + 1_000);
    trade(105, 1, 2, true, T0 + 10_000);
    trade(99, 3, 3, false, T0 + 20_000);

    Kline candle = data.kline("SIMUSDT", KlineInterval.MINUTE_1, T0 + 25_000);

    assertThat(candle)
        .isEqualTo(
            data.klines("SIMUSDT", KlineInterval.MINUTE_1, ZoneOffset.UTC, T0, T0, 1).get(0));
    assertThat(candle.openTime()).isEqualTo(T0);
    assertThat(candle.closeTime()).isEqualTo(T0 + 59_999);
    assertThat(
            List.of(candle.openTicks(), candle.highTicks(), candle.lowTicks(), candle.closeTicks()))
        .containsExactly(100L, 105L, 99L, 99L);
    assertThat(candle.takerBuyLots()).isEqualTo(5);
    assertThat(candle.firstTradeId()).isEqualTo(1);
    assertThat(candle.lastTradeId()).isEqualTo(3);
  }

  @Test
  void klineOfAQuietIntervalIsFlatAtTheLastCloseAndNoneBeforeTheFirstTrade() {
    assertThat(data.kline("SIMUSDT", KlineInterval.MINUTE_1, T0)).isNull();
    trade(100, 2, 1, false, T0);
    trade(110, 1, 2, false, T0 + 5 * 60_000);

    Kline quiet = data.kline("SIMUSDT", KlineInterval.MINUTE_1, T0 + 2 * 60_000);
    Kline later = data.kline("SIMUSDT", KlineInterval.SECOND_1, T0 + 9 * 60_000);

    assertThat(quiet.trades()).isZero();
    assertThat(quiet.openTicks()).isEqualTo(100);
    assertThat(quiet.closeTicks()).isEqualTo(100);
    assertThat(quiet.firstTradeId()).isEqualTo(-1);
    assertThat(later.closeTicks()).isEqualTo(110);
    assertThat(later.volumeLots()).isZero();
  }

  @Test
  void rollingWindowsOpenAtTheStartOfTheMinuteTheirSizeAgo() {
    long now = T0 + 30_000;
    trade(90, 1, 1, false, now - 2 * 3_600_000L);
    trade(100, 2, 2, false, now - 30 * 60_000L);
    trade(110, 1, 3, false, now);

    WindowStatistics hour = data.rollingWindow("SIMUSDT", 3_600_000L, now);

    assertThat(hour.openTime()).isEqualTo(T0 - 3_600_000L);
    assertThat(hour.closeTime()).isEqualTo(now);
    assertThat(hour.firstTradeId()).isEqualTo(2);
    assertThat(hour.openTicks()).isEqualTo(100);
    assertThat(hour.volumeLots()).isEqualTo(3);
    assertThat(hour.previousCloseTicks()).isEqualTo(90);
  }

  @Test
  void aQuietWindowShowsTheLatestPriceWithoutVolumeOrTradeIds() {
    trade(120, 1, 1, false, T0);

    WindowStatistics quiet = data.window("SIMUSDT", T0 + 3_600_000, T0 + 3_700_000);

    assertThat(List.of(quiet.openTicks(), quiet.highTicks(), quiet.lowTicks(), quiet.lastTicks()))
        .containsOnly(120L);
    assertThat(quiet.volumeLots()).isZero();
    assertThat(quiet.lastTradeId()).isEqualTo(-1);
    assertThat(quiet.previousCloseTicks()).isEqualTo(120);
  }

  private void trade(long price, long lots, long takerOrderId, boolean buyerIsMaker, long time) {
    long other = 1_000 + nextTradeId;
    data.onTrade(
        new Trade(
            "SIMUSDT",
            nextTradeId++,
            price,
            lots,
            buyerIsMaker ? other : takerOrderId,
            buyerIsMaker ? takerOrderId : other,
            buyerIsMaker,
            time));
  }
}
