package io.alphintra.brokersimulator.account;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every account of the venue, including the one that collects commissions, so that the sum of all
 * balances per asset only changes by deposits.
 */
public final class Ledger {

  /** The account that receives all commissions. */
  public static final int FEE_COLLECTOR = 0;

  private final Assets assets;
  private final List<Account> accounts = new ArrayList<>();

  public Ledger(Assets assets) {
    this.assets = assets;
    openAccount("fee-collector");
  }

  public Assets assets() {
    return assets;
  }

  public synchronized Account openAccount(String name) {
    Account account = new Account(accounts.size(), name, assets.size());
    accounts.add(account);
    return account;
  }

  public synchronized Account account(int id) {
    return accounts.get(id);
  }

  public synchronized List<Account> accounts() {
    return Collections.unmodifiableList(new ArrayList<>(accounts));
  }

  /** Sum of free + locked over all accounts; constant under trading. */
  public long totalUnits(int asset) {
    long total = 0;
    for (Account account : accounts()) {
      Account.Balances balances = account.balances();
      total = Math.addExact(total, balances.free(asset) + balances.locked(asset));
    }
    return total;
  }
}
