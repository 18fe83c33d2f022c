package io.alphintra.strategyengine.execution.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LiveOrdersTest {

  private final LiveOrders orders = new LiveOrders();

  @Test
  void aFilledOrderStaysPendingUntilItsFillReachesThePosition() {
    orders.update("c-1", "o-1", "BTCUSDT", dec("0.01"), "PENDING_NEW", dec("0"), false);
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0.01");
    assertThat(orders.openCount()).isEqualTo(1);

    // trading-api reports it FILLED before the engine has read the fill.
    orders.update("c-1", "o-1", "BTCUSDT", dec("0.01"), "FILLED", dec("0.01"), false);
    assertThat(orders.openCount()).isZero();
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0.01");

    orders.fillApplied("o-1", dec("0.01"));
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(orders.tracked()).isEmpty();
  }

  @Test
  void aPartlyFilledSellCountsItsUnfilledAndUnreadQuantityNegative() {
    orders.update("c-2", "o-2", "BTCUSDT", dec("-0.05"), "PARTIALLY_FILLED", dec("0.02"), false);
    orders.fillApplied("o-2", dec("0.02"));

    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("-0.03");
    assertThat(orders.pending("ETHUSDT")).isEqualByComparingTo("0");

    // Canceled with 0.02 filled, all of it read: nothing more will come.
    orders.update("c-2", "o-2", "BTCUSDT", dec("-0.05"), "CANCELED", dec("0.02"), false);
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(orders.tracked()).isEmpty();
  }

  @Test
  void ordersFoundAtStartCountOnlyWhatIsStillToFill() {
    // Its 0.01 filled was among the fills replayed into the positions.
    orders.update("c-3", "o-3", "BTCUSDT", dec("0.04"), "PARTIALLY_FILLED", dec("0.01"), true);

    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0.03");
    assertThat(orders.open()).containsExactly("c-3");
  }

  @Test
  void anUnknownPlacementIsOpenUntilTradingApiSaysItNeverArrived() {
    orders.unknown("c-4", "BTCUSDT", dec("0.01"));
    assertThat(orders.openCount()).isEqualTo(1);
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0.01");

    orders.forget("c-4");

    assertThat(orders.openCount()).isZero();
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0");
  }

  @Test
  void anUnknownPlacementTradingApiReportsNotSentIsNoLongerPending() {
    // trading-api answered 503 BROKER_UNAVAILABLE until the engine gave up retrying: the order it
    // reads afterwards is NOT_SENT, which never trades unless its clientOrderId is placed again.
    orders.unknown("c-6", "BTCUSDT", dec("0.01"));
    orders.update("c-6", "o-6", "BTCUSDT", dec("0.01"), "NOT_SENT", dec("0"), false);

    assertThat(orders.openCount()).isZero();
    assertThat(orders.pending("BTCUSDT")).isEqualByComparingTo("0");
    assertThat(orders.tracked()).isEmpty();
  }

  @Test
  void aRejectedOrderIsNotTracked() {
    orders.update("c-5", "o-5", "BTCUSDT", dec("0.01"), "REJECTED", dec("0"), false);

    assertThat(orders.tracked()).isEmpty();
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }
}
