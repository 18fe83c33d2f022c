package io.alphintra.brokerconnector.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderRegistryTest {

  private static final String ID = "pushed-1";

  private final OrderRegistry registry = new OrderRegistry();

  @Test
  void aPushedStateOfAnUnknownOrderRegistersIt() {
    assertThat(registry.followVenue(state("0", OrderStatus.NEW, 10))).isTrue();

    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.NEW);
    assertThat(registry.findByVenueOrderId(7)).isPresent();
  }

  @Test
  void aPushedStateNeverReplacesALaterOne() {
    registry.followVenue(state("1", OrderStatus.FILLED, 20));

    assertThat(registry.followVenue(state("0.5", OrderStatus.PARTIALLY_FILLED, 30))).isFalse();
    assertThat(registry.followVenue(state("1", OrderStatus.NEW, 40))).isFalse();
    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void aPushedLaterStateReplacesTheKnownOne() {
    registry.followVenue(state("0", OrderStatus.NEW, 10));

    assertThat(registry.followVenue(state("0.5", OrderStatus.PARTIALLY_FILLED, 20))).isTrue();
    assertThat(registry.followVenue(state("0.5", OrderStatus.CANCELED, 30))).isTrue();
    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.CANCELED);
  }

  @Test
  void aPlacementInProgressIsLeftToThePlacement() {
    OrderRequest request =
        new OrderRequest(
            ID,
            "SIMUSDT",
            Side.BUY,
            OrderType.LIMIT,
            TimeInForce.GTC,
            BigDecimal.ONE,
            new BigDecimal("90.00"));
    registry.claim(request);

    assertThat(registry.followVenue(state("0", OrderStatus.NEW, 10))).isFalse();
    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.UNKNOWN);
  }

  @Test
  void everyNewStateTakenIsPublishedOnceAndNothingEarlierOrUnknown() {
    List<OrderStatus> published = new ArrayList<>();
    registry.onChange(order -> published.add(order.status()));
    OrderRegistry.Claim claim =
        registry.claim(
            new OrderRequest(
                ID,
                "SIMUSDT",
                Side.BUY,
                OrderType.LIMIT,
                TimeInForce.GTC,
                BigDecimal.ONE,
                new BigDecimal("90.00")));
    registry.followVenue(state("0", OrderStatus.NEW, 10)); // left to the placement

    registry.settle(claim.order(), state("0", OrderStatus.NEW, 10));
    registry.followVenue(state("0", OrderStatus.NEW, 10)); // the same state again
    registry.followVenue(state("1", OrderStatus.FILLED, 20));
    registry.update(state("0", OrderStatus.NEW, 10)); // a stale read

    assertThat(published).containsExactly(OrderStatus.NEW, OrderStatus.FILLED);
  }

  private static BrokerOrder state(String executed, OrderStatus status, long time) {
    return new BrokerOrder(
        ID,
        7,
        "SIMUSDT",
        Side.BUY,
        OrderType.LIMIT,
        TimeInForce.GTC,
        new BigDecimal("90.00"),
        BigDecimal.ONE,
        new BigDecimal(executed),
        BigDecimal.ZERO,
        status,
        time);
  }
}
