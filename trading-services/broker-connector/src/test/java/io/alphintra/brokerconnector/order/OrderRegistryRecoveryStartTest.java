package io.alphintra.brokerconnector.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderRegistryRecoveryStartTest {

  private final OrderRegistry registry = new OrderRegistry();

  @Test
  void nothingKnownOfTheSymbolMeansNothingToRecover() {
    registry.followVenue(order("a", "ETHUSDT", 5, OrderStatus.NEW));

    assertThat(registry.recoveryStart("BTCUSDT")).isEmpty();
  }

  @Test
  void recoveryStartsAtTheOldestOrderStillOpen() {
    registry.followVenue(order("a", "BTCUSDT", 3, OrderStatus.FILLED));
    registry.followVenue(order("b", "BTCUSDT", 7, OrderStatus.NEW));
    registry.followVenue(order("c", "BTCUSDT", 9, OrderStatus.PARTIALLY_FILLED));
    registry.followVenue(order("d", "BTCUSDT", 12, OrderStatus.CANCELED));

    assertThat(registry.recoveryStart("BTCUSDT")).hasValue(7);
  }

  @Test
  void withNothingOpenRecoveryStartsAfterTheNewestKnownOrder() {
    registry.followVenue(order("a", "BTCUSDT", 3, OrderStatus.FILLED));
    registry.followVenue(order("b", "BTCUSDT", 8, OrderStatus.EXPIRED));

    assertThat(registry.recoveryStart("BTCUSDT")).hasValue(9);
  }

  private static BrokerOrder order(String id, String symbol, long venueId, OrderStatus status) {
    return new BrokerOrder(
        id,
        venueId,
        symbol,
        Side.BUY,
        OrderType.LIMIT,
        TimeInForce.GTC,
        new BigDecimal("90.00"),
        BigDecimal.ONE,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        status,
        1);
  }
}
