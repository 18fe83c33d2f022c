package io.alphintra.operator.strategy.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineReportTest {

  @Test
  void readsTheContractsStatusBody() {
    EngineReport report =
        EngineReport.fromJson(
            """
            {"phase":"RUNNING","revision":"0123456789abcdef","mode":"Paper","realizedPnl":"12.34",
             "unrealizedPnl":"-1.5","positions":[{"symbol":"BTCUSDT","quantity":"0.02",
             "averagePrice":"30123.4","unrealizedPnl":"-1.5"}],"ordersToday":17,"openOrders":1,
             "lastSignalTime":"2026-11-30T12:00:00Z","haltReason":null,"failureReason":null}
            """);

    assertThat(report.reachable()).isTrue();
    assertThat(report.phase()).isEqualTo(EnginePhase.RUNNING);
    assertThat(report.revision()).isEqualTo("0123456789abcdef");
    assertThat(report.pnl().total()).isEqualTo("10.84");
    assertThat(report.positions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.symbol()).isEqualTo("BTCUSDT");
              assertThat(p.quantity()).isEqualTo("0.02");
            });
    assertThat(report.ordersToday()).isEqualTo(17);
    assertThat(report.openOrders()).isEqualTo(1);
    assertThat(report.lastSignalTime()).isEqualTo("2026-11-30T12:00:00Z");
  }

  @Test
  void sumsMoneyExactlyNeverInFloatingPoint() {
    EngineReport report =
        EngineReport.fromJson(
            "{\"phase\":\"RUNNING\",\"realizedPnl\":\"0.1\",\"unrealizedPnl\":\"0.2\"}");
    assertThat(report.pnl().total()).isEqualTo("0.3");
  }

  @Test
  void readsWhyAStartingEngineIsNotTradingYet() {
    EngineReport report =
        EngineReport.fromJson(
            "{\"phase\":\"STARTING\",\"startingReason\":\"trading-api has no connector yet\"}");
    assertThat(report.is(EnginePhase.STARTING)).isTrue();
    assertThat(report.startingReason()).isEqualTo("trading-api has no connector yet");
  }

  @Test
  void aBodyThatIsNotAReportIsNotTakenForOne() {
    assertThat(EngineReport.fromJson("<html>").reachable()).isFalse();
    assertThat(EngineReport.fromJson("{\"phase\":\"DANCING\"}").error()).contains("DANCING");
    assertThat(EngineReport.fromJson("{\"phase\":\"RUNNING\",\"realizedPnl\":\"1e\"}").error())
        .contains("realizedPnl");
  }
}
