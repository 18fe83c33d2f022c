package io.alphintra.brokersimulator.engine;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.Ledger;

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
    return ledger.account(accountId).tryLock(lockedAsset(side), units);
  }

  /** Whether {@link #lock} would succeed now, without locking. */
  boolean canLock(int accountId, Side side, long units) {
    return ledger.account(accountId).free(lockedAsset(side)) >= units;
  }

  void release(Order order, long units) {
    if (units > 0) {
      ledger.account(order.accountId).unlock(lockedAsset(order.side), units);
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

    Account buyerAccount = ledger.account(buyer.accountId);
    buyerAccount.spendLocked(instrument.quoteAsset(), quote);
    buyer.lockedUnits -= quote;
    if (buyer == taker && buyer.type != OrderType.MARKET && buyer.priceTicks > priceTicks) {
      // The buyer locked at its limit but paid the maker's better price: free the difference now.
      release(buyer, instrument.quoteUnits(buyer.priceTicks - priceTicks, lots));
    }
    buyerAccount.deposit(instrument.baseAsset(), base - buyerFee);
    feeCollector.deposit(instrument.baseAsset(), buyerFee);

    Account sellerAccount = ledger.account(seller.accountId);
    sellerAccount.spendLocked(instrument.baseAsset(), base);
    seller.lockedUnits -= base;
    sellerAccount.deposit(instrument.quoteAsset(), quote - sellerFee);
    feeCollector.deposit(instrument.quoteAsset(), sellerFee);

    boolean takerBuys = buyer == taker;
    takerCommission = takerBuys ? buyerFee : sellerFee;
    takerCommissionAsset = takerBuys ? instrument.baseAsset() : instrument.quoteAsset();
    makerCommission = takerBuys ? sellerFee : buyerFee;
    makerCommissionAsset = takerBuys ? instrument.quoteAsset() : instrument.baseAsset();
  }

  private int lockedAsset(Side side) {
    return side == Side.BUY ? instrument.quoteAsset() : instrument.baseAsset();
  }

  /** floor(amount * ppm / 1e6) without overflowing for large amounts. */
  static long commission(long amount, long ppm) {
    return (amount / PPM) * ppm + (amount % PPM) * ppm / PPM;
  }
}
