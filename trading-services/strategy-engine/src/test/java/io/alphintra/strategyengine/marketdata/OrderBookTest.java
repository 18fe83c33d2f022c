package io.alphintra.strategyengine.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.strategyengine.marketdata.OrderBook.Level;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBookTest {

  @Test
  void updatesAlreadyInTheSnapshotAreSkippedAndZeroQuantityRemovesALevel() {
    OrderBook book = new OrderBook();
    assertThat(book.apply(5, List.of(), List.of(level("100", "1"))))
        .as("before a snapshot")
        .isFalse();

    book.replace(10, List.of(level("99", "1")), List.of(level("100", "1"), level("101", "1")));
    assertThat(book.apply(10, List.of(), List.of(level("100", "0")))).isFalse();
    assertThat(book.apply(11, List.of(level("99.5", "2")), List.of(level("100", "0")))).isTrue();

    assertThat(book.touch(true)).isEqualByComparingTo("101");
    assertThat(book.touch(false)).isEqualByComparingTo("99.5");
    assertThat(book.oppositeSide(false))
        .extracting(Level::price)
        .map(BigDecimal::toPlainString)
        .containsExactly("99.5", "99");
  }

  @Test
  void anInvalidatedBookIsNotReadyUntilTheNextSnapshot() {
    OrderBook book = new OrderBook();
    book.replace(1, List.of(level("99", "1")), List.of(level("100", "1")));
    book.invalidate();

    assertThat(book.ready()).isFalse();
    assertThat(book.apply(2, List.of(), List.of())).isFalse();
    book.replace(3, List.of(), List.of());
    assertThat(book.ready()).isTrue();
  }

  private static Level level(String price, String quantity) {
    return new Level(new BigDecimal(price), new BigDecimal(quantity));
  }
}
