package io.alphintra.brokersimulator.account;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Free and locked balances of one account, in asset units.
 *
 * <p>Engines of different symbols share accounts (BTCUSDT and ETHUSDT both move USDT), so every
 * read and write of the balances holds the account's guard; every method keeps free and locked
 * non-negative or fails without changing anything. Read several balances consistently through
 * {@link #balances()}.
 *
 * <p>The guard is a flag taken with one compare-and-set and given back with a plain release store:
 * a Java monitor costs an atomic instruction on entry <em>and</em> on exit. A price move of a BUY
 * order, the engine's commonest command, is one lock adjustment of one account, and even the one
 * atomic left is ~11% of the engine's JFR samples in the -Pbench matching-engine benchmark; a fill
 * moves each account's balances in one step ({@link #settleFill}, the two-asset {@link
 * #deposit(int, long, int, long)}), three atomics per fill instead of up to fourteen. The sections
 * it guards are a few array operations long, so a waiter spins briefly, then yields.
 */
public final class Account {

  private static final VarHandle GUARD;
  private static final int SPINS_BEFORE_YIELD = 64;

  static {
    try {
      GUARD = MethodHandles.lookup().findVarHandle(Account.class, "guard", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int id;
  private final String name;
  // Free and locked of each asset side by side (free at 2 * asset, locked at 2 * asset + 1): a
  // lock, an unlock or a fill touches one cache line of one array instead of two arrays.
  private final long[] balances;

  @SuppressWarnings("unused") // through GUARD: 1 while a thread reads or changes the balances
  private volatile int guard;

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

  public long free(int asset) {
    enter();
    try {
      return balances[2 * asset];
    } finally {
      exit();
    }
  }

  public long locked(int asset) {
    enter();
    try {
      return balances[2 * asset + 1];
    } finally {
      exit();
    }
  }

  /** Every asset's free and locked balance at one instant. */
  public Balances balances() {
    enter();
    try {
      return new Balances(balances.clone());
    } finally {
      exit();
    }
  }

  public void deposit(int asset, long units) {
    requireNonNegative(units);
    enter();
    try {
      balances[2 * asset] = Math.addExact(balances[2 * asset], units);
    } finally {
      exit();
    }
  }

  /** Moves free to locked; false (and no change) when the free balance is short. */
  public boolean tryLock(int asset, long units) {
    requireNonNegative(units);
    enter();
    try {
      if (balances[2 * asset] < units) {
        return false;
      }
      balances[2 * asset] -= units;
      balances[2 * asset + 1] += units;
      return true;
    } finally {
      exit();
    }
  }

  public void unlock(int asset, long units) {
    requireNonNegative(units);
    enter();
    try {
      if (balances[2 * asset + 1] < units) {
        throw new IllegalStateException("account " + id + " unlocks more than it locked");
      }
      balances[2 * asset + 1] -= units;
      balances[2 * asset] += units;
    } finally {
      exit();
    }
  }

  /** Pays locked funds out of the account (the counterparty receives them). */
  public void spendLocked(int asset, long units) {
    requireNonNegative(units);
    enter();
    try {
      if (balances[2 * asset + 1] < units) {
        throw new IllegalStateException("account " + id + " spends more than it locked");
      }
      balances[2 * asset + 1] -= units;
    } finally {
      exit();
    }
  }

  /**
   * One side of a fill in one step under the guard: pays {@code paid} out of the locked {@code
   * paidAsset}, frees {@code released} more of it (a BUY that paid less than its limit locked), and
   * credits {@code received} of {@code receivedAsset} (what the counterparty paid, less the
   * commission). The same as {@link #spendLocked}, {@link #unlock} and {@link #deposit} in a row,
   * with one guard round trip instead of three; fails without changing anything.
   */
  public void settleFill(
      int paidAsset, long paid, long released, int receivedAsset, long received) {
    requireNonNegative(paid);
    requireNonNegative(released);
    requireNonNegative(received);
    if (paidAsset == receivedAsset) {
      throw new IllegalArgumentException("a fill pays one asset and receives another");
    }
    enter();
    try {
      long locked = balances[2 * paidAsset + 1];
      if (locked < paid || locked - paid < released) {
        throw new IllegalStateException("account " + id + " spends more than it locked");
      }
      long credited = Math.addExact(balances[2 * receivedAsset], received);
      balances[2 * paidAsset + 1] = locked - paid - released;
      balances[2 * paidAsset] += released;
      balances[2 * receivedAsset] = credited;
    } finally {
      exit();
    }
  }

  /** Two deposits in one step (the commissions of both sides of a fill); all or nothing. */
  public void deposit(int asset, long units, int otherAsset, long otherUnits) {
    requireNonNegative(units);
    requireNonNegative(otherUnits);
    if (asset == otherAsset) {
      throw new IllegalArgumentException("two deposits in one step are of two assets");
    }
    enter();
    try {
      long total = Math.addExact(balances[2 * asset], units);
      balances[2 * otherAsset] = Math.addExact(balances[2 * otherAsset], otherUnits);
      balances[2 * asset] = total;
    } finally {
      exit();
    }
  }

  private void enter() {
    int spins = 0;
    while (!GUARD.compareAndSet(this, 0, 1)) {
      if (++spins < SPINS_BEFORE_YIELD) {
        Thread.onSpinWait();
      } else {
        spins = 0;
        Thread.yield();
      }
    }
  }

  private void exit() {
    GUARD.setRelease(this, 0);
  }

  private static void requireNonNegative(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("negative amount " + units);
    }
  }

  /** A consistent copy of an account's balances. */
  public static final class Balances {

    private final long[] balances;

    private Balances(long[] balances) {
      this.balances = balances;
    }

    public long free(int asset) {
      return balances[2 * asset];
    }

    public long locked(int asset) {
      return balances[2 * asset + 1];
    }
  }
}
