package io.alphintra.strategyengine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.strategyengine.config.StrategyConfig.RiskSettings;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RiskGuardTest {

  private static final Instant NOON = Instant.parse("2026-11-30T12:00:00Z");

  private static RiskGuard guard(
      String position, String order, String dailyLoss, String drawdown, Integer perMinute) {
    return new RiskGuard(
        new RiskSettings(dec(position), dec(order), dec(dailyLoss), dec(drawdown), perMinute));
  }

  @Test
  void anOrderWorthMoreThanMaxOrderNotionalIsABreachNamingBothValues() {
    RiskGuard guard = guard(null, "1000", null, null, null);

    assertThat(guard.checkOrder(dec("0.01"), dec("100000"), BigDecimal.ZERO, NOON)).isEmpty();
    assertThat(guard.checkOrder(dec("0.0101"), dec("100000"), BigDecimal.ZERO, NOON))
        .contains("maxOrderNotional 1000 breached: order notional 1010.00");
  }

  @Test
  void thePositionAfterTheOrderCountsAgainstMaxPositionNotional() {
    RiskGuard guard = guard("5000", null, null, null, null);

    // long 0.04 + 0.01 at 100000 = 5000: at the limit, allowed; 0.05 + 0.01 = 6000: breach.
    assertThat(guard.checkOrder(dec("0.01"), dec("100000"), dec("0.04"), NOON)).isEmpty();
    assertThat(guard.checkOrder(dec("0.01"), dec("100000"), dec("0.05"), NOON))
        .contains("maxPositionNotional 5000 breached: position notional 6000.00 after the order");
    // Reducing a position is measured the same way: short 0.06 bought back by 0.01 -> 0.05 -> 5000.
    assertThat(guard.checkOrder(dec("0.01"), dec("100000"), dec("-0.06"), NOON)).isEmpty();
  }

  @Test
  void moreOrdersInAMinuteThanMaxOrdersPerMinuteIsABreachUntilTheMinutePasses() {
    RiskGuard guard = guard(null, null, null, null, 2);
    guard.orderPlaced(NOON);
    guard.orderPlaced(NOON.plusSeconds(30));

    assertThat(guard.checkOrder(dec("1"), dec("1"), BigDecimal.ZERO, NOON.plusSeconds(59)))
        .contains(
            "maxOrdersPerMinute 2 breached: 2 orders in the last minute and one more asked for");
    assertThat(guard.checkOrder(dec("1"), dec("1"), BigDecimal.ZERO, NOON.plusSeconds(60)))
        .isEmpty();
  }

  @Test
  void aLossSinceMidnightOfMaxDailyLossHalts() {
    RiskGuard guard = guard(null, null, "200", null, null);

    assertThat(guard.checkEquity(dec("10000"), NOON)).isEmpty();
    assertThat(guard.checkEquity(dec("9800.01"), NOON.plusSeconds(60))).isEmpty();
    assertThat(guard.checkEquity(dec("9798.5"), NOON.plusSeconds(120)))
        .contains("maxDailyLoss 200 breached: daily loss 201.50");
  }

  @Test
  void aNewUtcDayStartsTheDailyLossAgain() {
    RiskGuard guard = guard(null, null, "200", null, null);
    guard.checkEquity(dec("10000"), NOON);
    guard.checkEquity(dec("9850"), NOON.plusSeconds(3600));

    // Next day: measured from 9850.
    assertThat(guard.checkEquity(dec("9700"), Instant.parse("2026-12-01T00:00:01Z"))).isEmpty();
    assertThat(guard.checkEquity(dec("9650"), Instant.parse("2026-12-01T00:00:02Z")))
        .contains("maxDailyLoss 200 breached: daily loss 200.00");
  }

  /** Peak 11000, equity 9900: (11000 - 9900) / 11000 = 10 %. */
  @Test
  void aDropFromThePeakOfMaxDrawdownPercentHalts() {
    RiskGuard guard = guard(null, null, null, "10", null);

    assertThat(guard.checkEquity(dec("10000"), NOON)).isEmpty();
    assertThat(guard.checkEquity(dec("11000"), NOON.plusSeconds(1))).isEmpty();
    assertThat(guard.checkEquity(dec("9901"), NOON.plusSeconds(2))).isEmpty();
    assertThat(guard.checkEquity(dec("9900"), NOON.plusSeconds(3)))
        .contains("maxDrawdownPercent 10 breached: drawdown 10.00% from peak equity 11000.00");
  }

  @Test
  void afterRebaseTheLossSoFarIsAccepted() {
    RiskGuard guard = guard(null, null, "200", "10", null);
    guard.checkEquity(dec("10000"), NOON);
    assertThat(guard.checkEquity(dec("9700"), NOON.plusSeconds(1))).isPresent();

    guard.rebase();

    assertThat(guard.checkEquity(dec("9700"), NOON.plusSeconds(2))).isEmpty();
    assertThat(guard.checkEquity(dec("9500"), NOON.plusSeconds(3))).isPresent();
  }

  @Test
  void withoutLimitsNothingIsABreach() {
    RiskGuard guard = new RiskGuard(null);

    assertThat(guard.checkOrder(dec("1000"), dec("100000"), dec("5"), NOON)).isEmpty();
    assertThat(guard.checkEquity(dec("1"), NOON)).isEmpty();
    assertThat(guard.checkEquity(dec("-1000"), NOON.plusSeconds(1))).isEmpty();
  }

  private static BigDecimal dec(String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
