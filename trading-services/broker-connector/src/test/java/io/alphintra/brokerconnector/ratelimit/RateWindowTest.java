package io.alphintra.brokerconnector.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void admitsUpToTheLimitThenWaitsForTheNextAlignedWindow() {
        RateWindow window = new RateWindow(60_000, 10, 0);
        long now = 120_000 + 15_000;

        window.charge(now, 6);
        assertThat(window.waitFor(now, 4)).isZero();
        window.charge(now, 4);

        assertThat(window.waitFor(now, 1)).isEqualTo(45_000);
        assertThat(window.waitFor(180_000, 1)).isZero();
        assertThat(window.used(180_000)).isZero();
    }

    @Test
    void adoptsTheVenuesCountOnlyWhenItIsHigher() {
        RateWindow window = new RateWindow(10_000, 100, 0);
        window.charge(1_000, 5);

        window.observe(1_001, 3);
        assertThat(window.used(1_002)).isEqualTo(5);

        window.observe(1_003, 97);
        assertThat(window.used(1_004)).isEqualTo(97);
        assertThat(window.waitFor(1_005, 4)).isEqualTo(8_995);
    }

    @Test
    void anExhaustedWindowAdmitsNothingUntilItRolls() {
        RateWindow window = new RateWindow(10_000, 100, 0);

        window.exhaust(2_000);

        assertThat(window.waitFor(2_000, 1)).isEqualTo(8_000);
        assertThat(window.waitFor(10_000, 1)).isZero();
    }

    @Test
    void aCostAboveTheLimitWaitsForAnEmptyWindowInsteadOfForever() {
        RateWindow window = new RateWindow(60_000, 10, 0);

        assertThat(window.waitFor(0, 50)).isZero();
        window.charge(0, 50);
        assertThat(window.waitFor(1, 50)).isEqualTo(59_999);
    }

    @Test
    void chargesNearTheWindowEndCarryIntoTheNextWindowBecauseTheVenueMayCountThemThere() {
        RateWindow window = new RateWindow(10_000, 10, 1_000);

        window.charge(5_000, 4);
        window.charge(9_500, 3);

        assertThat(window.used(10_000)).isEqualTo(3);
        assertThat(window.used(20_000)).isZero();
    }
}
