package io.alphintra.brokersimulator.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Free and locked balances, kept side by side per asset, never leak into another asset. */
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
}
