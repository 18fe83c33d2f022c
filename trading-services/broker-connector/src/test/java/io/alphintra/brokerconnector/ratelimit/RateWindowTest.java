package io.alphintra.brokerconnector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateWindowTest {

  @Test
  void admitsUpToTheLimitThenWaitsForTheNextAlignedWindow() {
    RateWindow window = new RateWindow(60_000, 10);
    long now = 120_000 + 15_000;

    RateWindow.Charge six = window.charge(now, 0, 6);
    assertThat(window.waitFor(now, 0, 4)).isZero();
    RateWindow.Charge four = window.charge(now, 0, 4);
    window.answered(six, now + 5, 0, -1);
    window.answered(four, now + 5, 0, -1);

    assertThat(window.waitFor(now, 0, 1)).isEqualTo(45_000);
    assertThat(window.waitFor(180_000, 0, 1)).isZero();
    assertThat(window.used(180_000, 0)).isZero();
  }

  @Test
  void adoptsTheVenuesCountOnlyWhenItIsHigher() {
    RateWindow window = new RateWindow(10_000, 100);
    RateWindow.Charge five = window.charge(1_000, 0, 5);

    window.answered(five, 1_001, 0, 3);
    assertThat(window.used(1_002, 0)).isEqualTo(5);

    RateWindow.Charge one = window.charge(1_002, 0, 1);
    window.answered(one, 1_003, 0, 97);
    assertThat(window.used(1_004, 0)).isEqualTo(97);
    assertThat(window.waitFor(1_005, 0, 4)).isEqualTo(8_995);
  }

  @Test
  void anExhaustedWindowAdmitsNothingUntilItRolls() {
    RateWindow window = new RateWindow(10_000, 100);
    RateWindow.Charge refused = window.charge(2_000, 0, 1);
    window.answered(refused, 2_000, 0, -1);

    window.exhaust(refused, 2_000, 0);

    assertThat(window.waitFor(2_000, 0, 1)).isEqualTo(8_000);
    assertThat(window.waitFor(10_000, 0, 1)).isZero();
  }

  @Test
  void aCostAboveTheLimitWaitsForAnEmptyWindowInsteadOfForever() {
    RateWindow window = new RateWindow(60_000, 10);

    assertThat(window.waitFor(0, 0, 50)).isZero();
    window.answered(window.charge(0, 0, 50), 1, 0, -1);
    assertThat(window.waitFor(1, 0, 50)).isEqualTo(59_999);
  }

  @Test
  void chargesWithinTheMarginOfTheWindowEndCountInBothWindowsBecauseTheVenueMayCountThemInEither() {
    RateWindow window = new RateWindow(10_000, 10);

    window.answered(window.charge(5_000, 500, 4), 5_010, 500, -1);
    window.answered(window.charge(9_600, 500, 3), 9_610, 500, -1);

    assertThat(window.used(10_000, 500)).isEqualTo(3);
    assertThat(window.used(20_000, 500)).isZero();
  }

  @Test
  void aRequestStillInFlightWhenTheNextWindowStartsCountsThereToo() {
    RateWindow window = new RateWindow(10_000, 10);
    // Charged well before the end of its window, but on a starved machine the answer takes 5.7 s.
    RateWindow.Charge slow = window.charge(5_000, 500, 10);

    assertThat(window.waitFor(10_600, 500, 1))
        .as("the venue may count it in the new window")
        .isEqualTo(9_900);
    window.answered(slow, 10_700, 500, -1);
    assertThat(window.used(12_000, 500)).isEqualTo(10);
    assertThat(window.waitFor(20_500, 500, 1))
        .as("answered before that window: it stops spreading")
        .isZero();
  }

  @Test
  void aRequestAnsweredBeforeTheNextWindowCouldStartLeavesThatWindowFree() {
    RateWindow window = new RateWindow(10_000, 10);
    RateWindow.Charge quick = window.charge(5_000, 500, 10);
    window.answered(quick, 9_000, 500, 10);

    assertThat(window.waitFor(9_600, 500, 1)).isEqualTo(900);
    assertThat(window.waitFor(10_500, 500, 1)).isZero();
  }

  @Test
  void aCountTheVenueReportsRightAfterItsWindowRolledIsKeptForTheNewWindow() {
    // The venue's minute rolled at 60 000; our clock may be 1 s off, so the request may have
    // been counted in either minute. The count it reports must survive into the new minute.
    RateWindow window = new RateWindow(60_000, 400);
    RateWindow.Charge lookup = window.charge(60_200, 1_000, 4);
    window.answered(lookup, 60_300, 1_000, 374);

    assertThat(window.used(61_500, 1_000)).isEqualTo(374);
    assertThat(window.waitFor(61_500, 1_000, 24)).isZero();
    assertThat(window.waitFor(61_500, 1_000, 30)).isEqualTo(59_500);
  }

  @Test
  void aCountTheVenueStampedWellInsideAWindowRaisesOnlyThatWindow() {
    // Charged 200 ms before the roll with a 500 ms margin: the venue may count it in either
    // window. Its Date (7 s into the first window) says the first counted it, and its count of 60
    // belongs there; the next window starts with only our own charge, not nearly full.
    RateWindow window = new RateWindow(10_000, 100);
    RateWindow.Charge order = window.charge(9_800, 500, 1);
    window.answered(order, 9_850, 500, 60, 7_000);

    assertThat(window.used(9_900, 500)).isEqualTo(60);
    assertThat(window.used(10_600, 500)).isEqualTo(1);
    assertThat(window.waitFor(10_600, 500, 1)).isZero();
  }

  @Test
  void aVenueTimeInAWindowsFirstSecondsStillRaisesEveryWindowTheRequestMayBeCountedIn() {
    // A Date of 10 500 has whole seconds and follows the counting: the venue may have counted the
    // request just before its 10 000 roll.
    RateWindow window = new RateWindow(10_000, 100);
    RateWindow.Charge order = window.charge(9_800, 500, 1);
    window.answered(order, 10_550, 500, 60, 10_500);

    assertThat(window.used(9_900, 500)).isEqualTo(60);
    assertThat(window.used(10_600, 500)).isEqualTo(60);
  }

  @Test
  void aVenueTimeOutsideTheRequestsPossibleWindowsIsIgnored() {
    RateWindow window = new RateWindow(10_000, 100);
    RateWindow.Charge order = window.charge(9_800, 500, 1);
    window.answered(order, 9_850, 500, 60, 55_000);

    assertThat(window.used(9_900, 500)).isEqualTo(60);
    assertThat(window.used(10_600, 500)).isEqualTo(60);
  }

  @Test
  void theVenuesCountIsRaisedByOurRequestsItMayNotHaveCountedYet() {
    RateWindow window = new RateWindow(60_000, 100);
    RateWindow.Charge first = window.charge(1_000, 0, 4);
    window.charge(1_001, 0, 4);

    // Another client spent most of the budget; our second request is still on its way.
    window.answered(first, 1_010, 0, 90);

    assertThat(window.used(1_011, 0)).isEqualTo(94);
    assertThat(window.waitFor(1_011, 0, 6)).isZero();
    assertThat(window.waitFor(1_011, 0, 7)).isPositive();
  }

  @Test
  void anUnansweredRequestCountsInEveryWindowTheVenueMayStillCountItIn() {
    RateWindow window = new RateWindow(10_000, 10);
    RateWindow.Charge lost = window.charge(5_000, 500, 10);

    window.unanswered(lost, 8_000, 500, 13_000);

    assertThat(window.waitFor(10_600, 500, 1)).isPositive();
    assertThat(window.waitFor(20_500, 500, 1)).isZero();
  }

  @Test
  void aZeroCostChargeOnlyTracksTheRequestsTimeSpan() {
    RateWindow window = new RateWindow(10_000, 10);
    RateWindow.Charge span = window.charge(9_800, 500, 0);

    window.answered(span, 10_100, 500, 7);

    assertThat(window.used(9_900, 500)).isEqualTo(7);
    assertThat(window.used(10_200, 500)).isEqualTo(7);
  }
}
