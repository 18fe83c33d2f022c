package io.alphintra.brokersimulator.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Free and locked balances, kept side by side per asset, never leak into another asset; the
 * account's guard keeps them exact under threads that share it, as engines of two symbols do.
 */
class AccountTest {

  @Test
  void locksUnlocksAndSpendsEachAssetOnItsOwn() {
    Account account = new Ledger(Assets.of("BTC", "ETH", "USDT")).openAccount("trader");
    account.deposit(0, 100);
    account.deposit(1, 200);
    account.deposit(2, 300);

    assertThat(account.tryLock(1, 150)).isTrue();
    assertThat(account.tryLock(2, 301)).isFalse();
    account.unlock(1, 50);
    account.spendLocked(1, 40);

    assertThat(new long[] {account.free(0), account.free(1), account.free(2)})
        .containsExactly(100, 100, 300);
    assertThat(new long[] {account.locked(0), account.locked(1), account.locked(2)})
        .containsExactly(0, 60, 0);
    assertThatThrownBy(() -> account.spendLocked(2, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> account.unlock(0, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFillInOneStepMovesWhatSpendUnlockAndDepositWouldOrNothing() {
    Assets assets = Assets.of("BTC", "ETH", "USDT");
    Account stepwise = new Ledger(assets).openAccount("stepwise");
    Account inOneStep = new Ledger(assets).openAccount("in-one-step");
    for (Account account : List.of(stepwise, inOneStep)) {
      account.deposit(0, 10);
      account.deposit(2, 1_000);
      assertThat(account.tryLock(2, 600)).isTrue();
    }

    stepwise.spendLocked(2, 450);
    stepwise.unlock(2, 50);
    stepwise.deposit(0, 7);
    inOneStep.settleFill(2, 450, 50, 0, 7);

    assertThat(inOneStep.balances()).usingRecursiveComparison().isEqualTo(stepwise.balances());
    assertThat(new long[] {inOneStep.free(0), inOneStep.free(2), inOneStep.locked(2)})
        .containsExactly(17, 450, 100);
    // More than is locked, counting what the fill frees: refused, nothing moved.
    assertThatThrownBy(() -> inOneStep.settleFill(2, 60, 41, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    // A credit that would overflow: refused before the locked funds are touched.
    inOneStep.deposit(1, Long.MAX_VALUE);
    assertThatThrownBy(() -> inOneStep.settleFill(2, 10, 0, 1, 1))
        .isInstanceOf(ArithmeticException.class);
    assertThat(new long[] {inOneStep.free(0), inOneStep.free(2), inOneStep.locked(2)})
        .containsExactly(17, 450, 100);
    assertThatThrownBy(() -> inOneStep.settleFill(2, 10, 0, 2, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoDepositsInOneStepCreditBothAssetsOrNeither() {
    Account collector = new Ledger(Assets.of("BTC", "USDT")).openAccount("fees");
    collector.deposit(0, 3, 1, 5);
    assertThat(new long[] {collector.free(0), collector.free(1)}).containsExactly(3, 5);

    collector.deposit(1, Long.MAX_VALUE - 5);
    assertThatThrownBy(() -> collector.deposit(0, 1, 1, 1)).isInstanceOf(ArithmeticException.class);
    assertThat(collector.free(0)).as("the first asset is not credited alone").isEqualTo(3);
    assertThatThrownBy(() -> collector.deposit(0, 1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void threadsSharingAnAccountLoseNoUpdateAndReadOnlyConsistentBalances() throws Exception {
    Account account = new Ledger(Assets.of("BTC", "USDT")).openAccount("shared");
    account.deposit(1, 1_000_000);
    int writers = 3;
    int rounds = 200_000;
    AtomicReference<String> torn = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int units = 1 + w;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < rounds; i++) {
                  // Lock and unlock leave free + locked as it was; a deposit adds one unit.
                  if (account.tryLock(1, units)) {
                    account.unlock(1, units);
                  }
                  account.deposit(0, 1);
                }
              }));
    }
    threads.add(
        new Thread(
            () -> {
              for (int i = 0; i < rounds; i++) {
                Account.Balances balances = account.balances();
                long total = balances.free(1) + balances.locked(1);
                if (total != 1_000_000 && torn.get() == null) {
                  torn.set("free " + balances.free(1) + " + locked " + balances.locked(1));
                }
              }
            }));
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(torn.get()).as("a balance read mid-update").isNull();
    assertThat(account.free(0)).as("deposits lost").isEqualTo((long) writers * rounds);
    assertThat(account.free(1)).isEqualTo(1_000_000);
    assertThat(account.locked(1)).isZero();
  }
}
