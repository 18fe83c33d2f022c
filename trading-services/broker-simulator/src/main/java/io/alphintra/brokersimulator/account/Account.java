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
  private final long[] free;
  private final long[] locked;

  Account(int id, String name, int assetCount) {
    this.id = id;
    this.name = name;
    this.free = new long[assetCount];
    this.locked = new long[assetCount];
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public synchronized long free(int asset) {
    return free[asset];
  }

  public synchronized long locked(int asset) {
    return locked[asset];
  }

  public synchronized void deposit(int asset, long units) {
    requireNonNegative(units);
    free[asset] = Math.addExact(free[asset], units);
  }

  /** Moves free to locked; false (and no change) when the free balance is short. */
  public synchronized boolean tryLock(int asset, long units) {
    requireNonNegative(units);
    if (free[asset] < units) {
      return false;
    }
    free[asset] -= units;
    locked[asset] += units;
    return true;
  }

  public synchronized void unlock(int asset, long units) {
    requireNonNegative(units);
    if (locked[asset] < units) {
      throw new IllegalStateException("account " + id + " unlocks more than it locked");
    }
    locked[asset] -= units;
    free[asset] += units;
  }

  /** Pays locked funds out of the account (the counterparty receives them). */
  public synchronized void spendLocked(int asset, long units) {
    requireNonNegative(units);
    if (locked[asset] < units) {
      throw new IllegalStateException("account " + id + " spends more than it locked");
    }
    locked[asset] -= units;
  }

  private static void requireNonNegative(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("negative amount " + units);
    }
  }
}
