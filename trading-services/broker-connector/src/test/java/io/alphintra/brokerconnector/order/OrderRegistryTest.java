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
            new BigDecimal("90.00"),
            null);
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
                new BigDecimal("90.00"),
                null));
    registry.followVenue(state("0", OrderStatus.NEW, 10)); // left to the placement

    registry.settle(claim.order(), state("0", OrderStatus.NEW, 10), FeedContinuity.NONE);
    registry.followVenue(state("0", OrderStatus.NEW, 10)); // the same state again
    registry.followVenue(state("1", OrderStatus.FILLED, 20));
    registry.update(state("0", OrderStatus.NEW, 10), FeedContinuity.NONE); // a stale read

    assertThat(published).containsExactly(OrderStatus.NEW, OrderStatus.FILLED);
  }

  @Test
  void theLatestStatePushedDuringThePlacementIsTakenRightAfterItsAnswer() {
    List<OrderStatus> published = new ArrayList<>();
    registry.onChange(order -> published.add(order.status()));
    OrderRegistry.Claim claim = registry.claim(request());

    assertThat(registry.followVenue(state("0.4", OrderStatus.PARTIALLY_FILLED, 20))).isFalse();
    assertThat(registry.followVenue(state("1", OrderStatus.FILLED, 30))).isFalse();
    assertThat(registry.followVenue(state("0.4", OrderStatus.PARTIALLY_FILLED, 20))).isFalse();
    registry.settle(claim.order(), state("0", OrderStatus.NEW, 10), 1);

    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.FILLED);
    assertThat(published).containsExactly(OrderStatus.NEW, OrderStatus.FILLED);
  }

  @Test
  void aPushedStateEarlierThanThePlacementsAnswerIsDropped() {
    OrderRegistry.Claim claim = registry.claim(request());

    registry.followVenue(state("0", OrderStatus.NEW, 10));
    registry.settle(claim.order(), state("1", OrderStatus.FILLED, 20), 1);

    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.FILLED);
  }

  @Test
  void anOrderIsFollowedOnlyInTheFeedStretchItsStateWasLearnedIn() {
    OrderRegistry.Claim claim = registry.claim(request());
    registry.settle(claim.order(), state("0", OrderStatus.NEW, 10), 3);
    OrderRegistry.TrackedOrder tracked = registry.find(ID).orElseThrow();

    assertThat(tracked.followedIn(3)).isTrue();
    assertThat(tracked.followedIn(4)).as("after a reconnect").isFalse();
    assertThat(tracked.followedIn(FeedContinuity.NONE)).as("while the feed is down").isFalse();

    registry.update(state("0", OrderStatus.NEW, 10), 4); // read from the venue in the new stretch
    assertThat(tracked.followedIn(4)).isTrue();
  }

  @Test
  void anOrderPlacedWithoutALiveFeedOrWithAnUnknownOutcomeIsNotFollowed() {
    OrderRegistry.Claim unfollowed = registry.claim(request());
    registry.settle(unfollowed.order(), state("0", OrderStatus.NEW, 10), FeedContinuity.NONE);
    assertThat(unfollowed.order().followedIn(FeedContinuity.NONE)).isFalse();

    OrderRegistry other = new OrderRegistry();
    OrderRegistry.Claim unknown = other.claim(request());
    other.settle(unknown.order(), BrokerOrder.unknown(request()), 5);
    assertThat(unknown.order().followedIn(5)).isFalse();
  }

  @Test
  void aReadNeverReplacesALaterStateThePushBrought() {
    registry.followVenue(state("1", OrderStatus.FILLED, 20));

    registry.update(state("0", OrderStatus.NEW, 10), 1);

    assertThat(registry.find(ID).orElseThrow().latest().status()).isEqualTo(OrderStatus.FILLED);
  }

  private static OrderRequest request() {
    return new OrderRequest(
        ID,
        "SIMUSDT",
        Side.BUY,
        OrderType.LIMIT,
        TimeInForce.GTC,
        BigDecimal.ONE,
        new BigDecimal("90.00"),
        null);
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
