package io.alphintra.strategyengine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.strategyengine.marketdata.OrderBook;
import io.alphintra.strategyengine.marketdata.OrderBook.Level;
import io.alphintra.strategyengine.position.Fill;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperVenueTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private final OrderBook book = new OrderBook();
  private final List<Fill> fills = new ArrayList<>();
  private final PaperVenue venue =
      new PaperVenue(
          symbol -> symbol.equals("BTCUSDT") ? book : null,
          new BigDecimal("0.001"),
          fills::add,
          Clock.fixed(NOW, ZoneOffset.UTC));

  PaperVenueTest() {
    book.replace(
        7,
        List.of(level("99", "0.3"), level("98", "1")),
        List.of(level("100", "1"), level("101", "2")));
  }

  /** Buy 2: 1 @ 100 + 1 @ 101 = 201 notional, VWAP 100.5, fee 0.1 % = 0.201. */
  @Test
  void aBuyWalksTheAsksFromTheTouchAndPaysTheTakerFee() {
    assertThat(venue.submit(new OrderIntent("o-1", "BTCUSDT", dec("2"))))
        .isEqualTo(OrderVenue.Outcome.FILLED);

    Fill fill = fills.getFirst();
    assertThat(fill.signedQuantity()).isEqualByComparingTo("2");
    assertThat(fill.price()).isEqualByComparingTo("100.5");
    assertThat(fill.fee()).isEqualByComparingTo("0.201");
    assertThat(fill.executedAt()).isEqualTo(NOW);
  }

  /** Sell 0.5: 0.3 @ 99 + 0.2 @ 98 = 29.7 + 19.6 = 49.3, VWAP 98.6, fee 0.0493. */
  @Test
  void aSellWalksTheBids() {
    venue.submit(new OrderIntent("o-2", "BTCUSDT", dec("-0.5")));

    Fill fill = fills.getFirst();
    assertThat(fill.signedQuantity()).isEqualByComparingTo("-0.5");
    assertThat(fill.price()).isEqualByComparingTo("98.6");
    assertThat(fill.fee()).isEqualByComparingTo("0.0493");
  }

  /** Buy 5 against 3 on the asks: 1 @ 100 + 2 @ 101 = 302, VWAP 100.667, the rest is dropped. */
  @Test
  void whatTheBookCannotFillIsDroppedAndNothingStaysOpen() {
    venue.submit(new OrderIntent("o-3", "BTCUSDT", dec("5")));

    assertThat(fills.getFirst().signedQuantity()).isEqualByComparingTo("3");
    assertThat(fills.getFirst().price())
        .isEqualByComparingTo(
            new BigDecimal("302").divide(new BigDecimal("3"), MathContext.DECIMAL128));
    assertThat(fills.getFirst().fee()).isEqualByComparingTo("0.302");
    assertThat(venue.openOrders()).isZero();
  }

  @Test
  void withoutAnObservedBookNothingFills() {
    assertThat(venue.submit(new OrderIntent("o-4", "ETHUSDT", dec("1"))))
        .isEqualTo(OrderVenue.Outcome.REJECTED);
    book.invalidate();
    assertThat(venue.submit(new OrderIntent("o-5", "BTCUSDT", dec("1"))))
        .isEqualTo(OrderVenue.Outcome.REJECTED);
    assertThat(fills).isEmpty();
  }

  private static Level level(String price, String quantity) {
    return new Level(dec(price), dec(quantity));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
