package io.alphintra.tradingapi.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.broker.ConnectorFill;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorFillFeedTest {

  @Test
  void aPageShorterThanTheLimitIsProcessedWhole() {
    List<ConnectorFill> page = List.of(fill(1, 10), fill(2, 11), fill(2, 12));

    assertThat(ConnectorFillFeed.complete(page)).isEqualTo(page);
  }

  @Test
  void aFullPageLeavesTheFillsOfItsLastTradeToTheNextRead() {
    List<ConnectorFill> page = new ArrayList<>();
    for (int i = 0; i < ConnectorFillFeed.PAGE - 1; i++) {
      page.add(fill(i, 100 + i));
    }
    page.add(fill(ConnectorFillFeed.PAGE - 2, 5)); // the other side of a self-trade

    List<ConnectorFill> processed = ConnectorFillFeed.complete(page);

    assertThat(processed).hasSize(ConnectorFillFeed.PAGE - 2);
    assertThat(processed.getLast().tradeId()).isEqualTo(ConnectorFillFeed.PAGE - 3);
  }

  @Test
  void aFullPageOfOneTradeIsProcessedWhole() {
    List<ConnectorFill> page = new ArrayList<>();
    for (int i = 0; i < ConnectorFillFeed.PAGE; i++) {
      page.add(fill(7, i));
    }

    assertThat(ConnectorFillFeed.complete(page)).hasSize(ConnectorFillFeed.PAGE);
  }

  @Test
  void aCommissionIsValuedInTheQuoteAsset() {
    var instrument =
        new io.alphintra.tradingapi.instrument.Instrument("SIMUSDT", "SIM", "USDT", 2, 3);

    assertThat(ExecutionLedger.feeInQuote(instrument, commission("0.002", "SIM")))
        .isEqualByComparingTo("0.2");
    assertThat(ExecutionLedger.feeInQuote(instrument, commission("0.05", "USDT")))
        .isEqualByComparingTo("0.05");
    assertThat(ExecutionLedger.feeInQuote(instrument, commission("0.01", "BNB"))).isZero();
  }

  private static ConnectorFill commission(String amount, String asset) {
    return new ConnectorFill(
        "SIMUSDT",
        1,
        1,
        "c-1",
        "BUY",
        new BigDecimal("100.00"),
        BigDecimal.ONE,
        new BigDecimal(amount),
        asset,
        false,
        1);
  }

  private static ConnectorFill fill(long tradeId, long orderId) {
    return new ConnectorFill(
        "SIMUSDT",
        tradeId,
        orderId,
        null,
        "BUY",
        BigDecimal.TEN,
        BigDecimal.ONE,
        BigDecimal.ZERO,
        null,
        false,
        1);
  }
}
