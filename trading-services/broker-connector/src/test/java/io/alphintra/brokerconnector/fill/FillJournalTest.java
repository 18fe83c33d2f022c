package io.alphintra.brokerconnector.fill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FillJournalTest {

  private static final String SYMBOL = "SIMUSDT";

  private final FillJournal journal = new FillJournal();

  @Test
  void holdsAFillOnceWhetherTheFeedOrRecoveryBroughtIt() {
    assertThat(journal.record(fill(7, 1))).isTrue();
    assertThat(journal.record(fill(7, 1))).isFalse();
    journal.gapClosed(SYMBOL, 0);

    assertThat(tradeIds(journal.after(SYMBOL, -1, 10))).containsExactly(7L);
  }

  @Test
  void aSelfTradeIsTwoFillsOfOneTradeId() {
    journal.record(fill(7, 1));
    journal.record(fill(7, 2));
    journal.gapClosed(SYMBOL, 0);

    assertThat(journal.after(SYMBOL, -1, 10)).extracting(Fill::orderId).containsExactly(1L, 2L);
    assertThat(journal.after(SYMBOL, 7, 10)).isEmpty();
  }

  @Test
  void showsNothingBeforeTheFirstRecoveryFinished() {
    journal.record(fill(9, 1));

    assertThat(journal.after(SYMBOL, -1, 10)).isEmpty();
  }

  @Test
  void hidesFillsPastTheGapUntilRecoveryClosesIt() {
    journal.record(fill(5, 1));
    journal.gapClosed(SYMBOL, 0);
    journal.gapOpened(SYMBOL);
    // The new connection's live fill arrives before recovery brought the missed one.
    journal.record(fill(9, 1));

    assertThat(tradeIds(journal.after(SYMBOL, -1, 10))).containsExactly(5L);

    journal.record(fill(6, 1));
    journal.gapClosed(SYMBOL, 0);
    assertThat(tradeIds(journal.after(SYMBOL, 5, 10))).containsExactly(6L, 9L);
  }

  @Test
  void pagesInTradeIdOrderAfterTheCursor() {
    journal.record(fill(3, 1));
    journal.record(fill(1, 1));
    journal.record(fill(2, 1));
    journal.gapClosed(SYMBOL, 0);

    assertThat(tradeIds(journal.after(SYMBOL, -1, 2))).containsExactly(1L, 2L);
    assertThat(tradeIds(journal.after(SYMBOL, 2, 2))).containsExactly(3L);
  }

  @Test
  void refusesACursorOlderThanTheFillsHeldAndSaysWhereToReadTheGap() {
    for (long id = 0; id <= FillJournal.HELD_PER_SYMBOL; id++) {
      journal.record(fill(id, 1));
    }
    journal.gapClosed(SYMBOL, 0);

    assertThatThrownBy(() -> journal.after(SYMBOL, -1, 10))
        .isInstanceOf(FillJournal.FillsNoLongerHeld.class)
        .hasMessageContaining("afterTradeId=-1")
        .hasMessageContaining("myTrades with fromId=0");
    assertThat(tradeIds(journal.after(SYMBOL, 0, 1))).containsExactly(1L);
  }

  @Test
  void aFreshJournalKnowsFillsOnlyFromTheOldestRecoveredOne() {
    journal.record(fill(500, 1));
    journal.gapClosed(SYMBOL, 500);

    assertThatThrownBy(() -> journal.after(SYMBOL, 10, 10))
        .isInstanceOf(FillJournal.FillsNoLongerHeld.class);
    assertThat(tradeIds(journal.after(SYMBOL, 499, 10))).containsExactly(500L);
  }

  private static Fill fill(long tradeId, long orderId) {
    return new Fill(
        SYMBOL,
        tradeId,
        orderId,
        "c-" + orderId,
        "BUY",
        new BigDecimal("91.00"),
        new BigDecimal("1.000"),
        new BigDecimal("0.001"),
        "SIM",
        true,
        1_700_000_000_000L);
  }

  private static List<Long> tradeIds(List<Fill> fills) {
    return fills.stream().map(Fill::tradeId).toList();
  }
}
