package io.alphintra.brokerconnector.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokerconnector.venue.VenueOutcomeUnknown;
import io.alphintra.brokerconnector.venue.VenueRateLimited;
import io.alphintra.brokerconnector.venue.VenueRejection;
import io.alphintra.brokerconnector.venue.VenueUnreachable;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

  private static final long RECV_WINDOW = 5_000;
  private static final long MARGIN = 1_000;
  private final PlacementPolicy policy = new PlacementPolicy(RECV_WINDOW, MARGIN);
  private final BrokerOrder live =
      new BrokerOrder(
          "c-1",
          7,
          "BTCUSDT",
          Side.BUY,
          OrderType.LIMIT,
          TimeInForce.GTC,
          BigDecimal.ONE,
          BigDecimal.TEN,
          BigDecimal.ZERO,
          BigDecimal.ZERO,
          OrderStatus.NEW,
          1);

  @Test
  void anIdNotSeenByThisProcessIsLookedUpBeforeItIsEverSent() {
    assertThat(policy.beforeFirstSend(500, false)).isEqualTo(new PlacementPolicy.Step.Lookup(500));
  }

  @Test
  void anIdTheCallerVouchesWasNeverSentIsSentWithoutALookup() {
    assertThat(policy.beforeFirstSend(500, true)).isEqualTo(new PlacementPolicy.Step.Send());
  }

  @Test
  void absenceOfAnIdProvesNothingUntilRequestsOfAnEarlierProcessCanNoLongerExecute() {
    long processStartedAt = 20_000;

    assertThat(policy.afterLookup(Optional.empty(), processStartedAt + 100, processStartedAt))
        .isEqualTo(new PlacementPolicy.Step.Lookup(processStartedAt + RECV_WINDOW + MARGIN));
    assertThat(
            policy.afterLookup(
                Optional.empty(), processStartedAt + RECV_WINDOW + MARGIN, processStartedAt))
        .isEqualTo(new PlacementPolicy.Step.Send());
  }

  @Test
  void anAnswerThatCannotBeReadOrAFailedConnectionIsLookedUpNeverResentBlindly() {
    assertThat(policy.afterUnreadableAnswer(700)).isEqualTo(new PlacementPolicy.Step.Lookup(700));
    assertThat(
            policy.afterSendFailed(
                new VenueUnreachable("cannot connect to the venue: ConnectException"), 800))
        .isEqualTo(new PlacementPolicy.Step.Lookup(800));
  }

  @Test
  void anAcceptedOrderIsDoneWithoutRecovery() {
    assertThat(policy.afterAccepted(live)).isEqualTo(new PlacementPolicy.Step.Done(live, false));
  }

  @Test
  void aTimeoutOrServerErrorOrMinus1007LooksTheOrderUpInsteadOfResending() {
    for (VenueOutcomeUnknown unknown :
        new VenueOutcomeUnknown[] {
          new VenueOutcomeUnknown(0, "no answer within 5000 ms", 100, null),
          new VenueOutcomeUnknown(-1001, "Internal error", 100, null),
          new VenueOutcomeUnknown(
              VenueOutcomeUnknown.BACKEND_TIMEOUT, "execution status unknown", 100, null)
        }) {
      assertThat(policy.afterSendFailed(unknown, 200))
          .isEqualTo(new PlacementPolicy.Step.Lookup(200));
    }
  }

  @Test
  void aDuplicateOrderRejectionMeansOurEarlierAttemptIsLiveSoItIsLookedUp() {
    VenueRejection duplicate = new VenueRejection(400, -2010, "Duplicate order sent.");

    assertThat(policy.afterSendFailed(duplicate, 300))
        .isEqualTo(new PlacementPolicy.Step.Lookup(300));
  }

  @Test
  void aBusinessRejectionIsFinal() {
    VenueRejection insufficient =
        new VenueRejection(400, -2010, "Account has insufficient balance for requested action.");
    VenueRejection filter = new VenueRejection(400, -1013, "Filter failure: LOT_SIZE");

    assertThat(policy.afterSendFailed(insufficient, 0))
        .isEqualTo(new PlacementPolicy.Step.Reject(insufficient));
    assertThat(policy.afterSendFailed(filter, 0))
        .isEqualTo(new PlacementPolicy.Step.Reject(filter));
  }

  @Test
  void rateLimitAndStaleTimestampRefusalsAreResentBecauseNothingExecuted() {
    assertThat(
            policy.afterSendFailed(new VenueRateLimited(429, -1015, "Too many new orders", 3), 0))
        .isEqualTo(new PlacementPolicy.Step.Send());
    assertThat(
            policy.afterSendFailed(new VenueRejection(400, -1021, "outside of the recvWindow"), 0))
        .isEqualTo(new PlacementPolicy.Step.Send());
  }

  @Test
  void anOrderFoundByLookupIsAdoptedAsRecovered() {
    assertThat(policy.afterLookup(Optional.of(live), 150, 100))
        .isEqualTo(new PlacementPolicy.Step.Done(live, true));
  }

  @Test
  void absenceBeforeTheRecvWindowClosedIsNotProofSoItLooksAgainWhenItHas() {
    long signedAt = 10_000;

    PlacementPolicy.Step step = policy.afterLookup(Optional.empty(), signedAt + 50, signedAt);

    assertThat(step).isEqualTo(new PlacementPolicy.Step.Lookup(signedAt + RECV_WINDOW + MARGIN));
  }

  @Test
  void absenceConfirmedAfterTheRecvWindowClosedAllowsExactlyOneResend() {
    long signedAt = 10_000;

    assertThat(policy.afterLookup(Optional.empty(), signedAt + RECV_WINDOW + MARGIN, signedAt))
        .isEqualTo(new PlacementPolicy.Step.Send());
    assertThat(policy.afterLookup(Optional.empty(), signedAt + RECV_WINDOW + MARGIN - 1, signedAt))
        .isInstanceOf(PlacementPolicy.Step.Lookup.class);
  }

  @Test
  void aFailedLookupIsRetriedShortlyRatherThanTreatedAsAbsence() {
    assertThat(policy.afterLookupFailed(1_000, 250))
        .isEqualTo(new PlacementPolicy.Step.Lookup(1_250));
  }
}
