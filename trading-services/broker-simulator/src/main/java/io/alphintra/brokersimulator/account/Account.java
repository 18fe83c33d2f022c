package io.alphintra.brokersimulator.account;

/**
 * Free and locked balances of one account, in asset units.
 *
 * <p>Engines of different symbols share accounts (BTCUSDT and ETHUSDT both move USDT), so each
 * mutation is synchronized on the account; every method keeps free and locked non-negative or fails
 * without changing anything.
 */
public final class Account {

  private final int id;
  private final String name;
  // Free and locked of each asset side by side (free at 2 * asset, locked at 2 * asset + 1): a
  // lock,
  // an unlock or a fill touches one cache line of one array instead of two arrays.
  private final long[] balances;

  Account(int id, String name, int assetCount) {
    this.id = id;
    this.name = name;
    this.balances = new long[2 * assetCount];
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public synchronized long free(int asset) {
    return balances[2 * asset];
  }

  public synchronized long locked(int asset) {
    return balances[2 * asset + 1];
  }

  public synchronized void deposit(int asset, long units) {
    requireNonNegative(units);
    balances[2 * asset] = Math.addExact(balances[2 * asset], units);
  }

  /** Moves free to locked; false (and no change) when the free balance is short. */
  public synchronized boolean tryLock(int asset, long units) {
    requireNonNegative(units);
    if (balances[2 * asset] < units) {
      return false;
    }
    balances[2 * asset] -= units;
    balances[2 * asset + 1] += units;
    return true;
  }

  public synchronized void unlock(int asset, long units) {
    requireNonNegative(units);
    if (balances[2 * asset + 1] < units) {
      throw new IllegalStateException("account " + id + " unlocks more than it locked");
    }
    balances[2 * asset + 1] -= units;
    balances[2 * asset] += units;
  }

  /** Pays locked funds out of the account (the counterparty receives them). */
  public synchronized void spendLocked(int asset, long units) {
    requireNonNegative(units);
    if (balances[2 * asset + 1] < units) {
      throw new IllegalStateException("account " + id + " spends more than it locked");
    }
    balances[2 * asset + 1] -= units;
  }

  private static void requireNonNegative(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("negative amount " + units);
    }
  }
}
