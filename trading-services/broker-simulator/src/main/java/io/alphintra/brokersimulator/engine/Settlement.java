package io.alphintra.brokersimulator.engine;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Ledger;
import java.util.Arrays;

/**
 * Moves funds for one symbol: locks on entry, pays out on fills, releases what is left on close.
 * Commissions are taken from the asset each side receives and credited to the fee collector, so the
 * venue-wide total of every asset stays exactly constant.
 */
final class Settlement {

  private static final long PPM = 1_000_000;

  private final Instrument instrument;
  private final Ledger ledger;
  private final Account feeCollector;
  // Accounts by id, so the hot path skips the ledger's synchronized lookup; ids never change owner.
  private Account[] accounts = new Account[64];

  // The commissions of the last settled fill, each in the asset that side received.
  long takerCommission;
  int takerCommissionAsset;
  long makerCommission;
  int makerCommissionAsset;

  Settlement(Instrument instrument, Ledger ledger) {
    this.instrument = instrument;
    this.ledger = ledger;
    this.feeCollector = ledger.account(Ledger.FEE_COLLECTOR);
  }

  /** A BUY locks quote, a SELL locks base. */
  boolean lock(int accountId, Side side, long units) {
    return account(accountId).tryLock(lockedAsset(side), units);
  }

  /** Whether {@link #lock} would succeed now, without locking. */
  boolean canLock(int accountId, Side side, long units) {
    return account(accountId).free(lockedAsset(side)) >= units;
  }

  void release(Order order, long units) {
    if (units > 0) {
      account(order.accountId).unlock(lockedAsset(order.side), units);
      order.lockedUnits -= units;
    }
  }

  /**
   * Pays one fill out of both orders' locked funds; the commissions charged are left in {@link
   * #takerCommission}, {@link #takerCommissionAsset}, {@link #makerCommission} and {@link
   * #makerCommissionAsset} (fields, not a result object: settlement allocates nothing).
   */
  void settle(Order taker, Order maker, long priceTicks, long lots) {
    Order buyer = taker.side == Side.BUY ? taker : maker;
    Order seller = taker.side == Side.BUY ? maker : taker;
    long base = instrument.baseUnits(lots);
    long quote = instrument.quoteUnits(priceTicks, lots);
    long buyerFee =
        commission(base, buyer == taker ? instrument.takerFeePpm() : instrument.makerFeePpm());
    long sellerFee =
        commission(quote, seller == taker ? instrument.takerFeePpm() : instrument.makerFeePpm());

    // The buyer locked at its limit; a taker that paid the maker's better price gets the
    // difference back with the fill.
    long buyerReleased =
        buyer == taker && buyer.type != OrderType.MARKET && buyer.priceTicks > priceTicks
            ? instrument.quoteUnits(buyer.priceTicks - priceTicks, lots)
            : 0;
    // One guarded step per account (buyer, seller, fee collector), not one per balance move.
    account(buyer.accountId)
        .settleFill(
            instrument.quoteAsset(), quote, buyerReleased, instrument.baseAsset(), base - buyerFee);
    buyer.lockedUnits -= quote + buyerReleased;
    account(seller.accountId)
        .settleFill(instrument.baseAsset(), base, 0, instrument.quoteAsset(), quote - sellerFee);
    seller.lockedUnits -= base;
    feeCollector.deposit(instrument.baseAsset(), buyerFee, instrument.quoteAsset(), sellerFee);

    boolean takerBuys = buyer == taker;
    takerCommission = takerBuys ? buyerFee : sellerFee;
    takerCommissionAsset = takerBuys ? instrument.baseAsset() : instrument.quoteAsset();
    makerCommission = takerBuys ? sellerFee : buyerFee;
    makerCommissionAsset = takerBuys ? instrument.quoteAsset() : instrument.baseAsset();
  }

  private Account account(int id) {
    if (id >= accounts.length) {
      accounts = Arrays.copyOf(accounts, Math.max(id + 1, accounts.length * 2));
    }
    Account account = accounts[id];
    if (account == null) {
      account = ledger.account(id);
      accounts[id] = account;
    }
    return account;
  }

  private int lockedAsset(Side side) {
    return side == Side.BUY ? instrument.quoteAsset() : instrument.baseAsset();
  }

  /** floor(amount * ppm / 1e6) without overflowing for large amounts. */
  static long commission(long amount, long ppm) {
    return (amount / PPM) * ppm + (amount % PPM) * ppm / PPM;
  }
}
