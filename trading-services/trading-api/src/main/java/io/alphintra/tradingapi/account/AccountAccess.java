package io.alphintra.tradingapi.account;

import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.security.Role;
import io.alphintra.tradingapi.web.ApiProblem;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who may do what with an account: ADMIN everything; VIEWER reads every account; TRADER and QUANT
 * read and trade the accounts they own; STRATEGY reads and trades its strategy's account only.
 */
@Component
public class AccountAccess {

  private final Accounts accounts;

  AccountAccess(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The account, if the caller may read it; 404 when it does not exist, else 403. */
  public Account readable(Caller caller, String accountId) {
    Account account = existing(accountId);
    if (caller.isAdmin() || caller.has(Role.VIEWER) || owns(caller, account)) {
      return account;
    }
    throw ApiProblem.forbidden(
        "you may not read account " + accountId + ": it is not yours and you are not VIEWER");
  }

  /** The account, if the caller may place and cancel its orders. */
  public Account tradable(Caller caller, String accountId) {
    Account account = existing(accountId);
    if (caller.isAdmin() || owns(caller, account)) {
      return account;
    }
    throw ApiProblem.forbidden(
        "you may not trade on account "
            + accountId
            + ": only its owner (TRADER/QUANT user or its strategy) and ADMIN may");
  }

  /** Fails unless the caller is ADMIN. */
  public void requireAdmin(Caller caller, String what) {
    if (!caller.isAdmin()) {
      throw ApiProblem.forbidden(what + " needs the ADMIN role");
    }
  }

  /** The accounts a caller may read. */
  public List<Account> visible(Caller caller) {
    if (caller.isAdmin() || caller.has(Role.VIEWER)) {
      return accounts.all();
    }
    if (caller.has(Role.STRATEGY) && caller.strategy() != null) {
      return accounts.ownedBy(OwnerType.STRATEGY, caller.strategy());
    }
    if (caller.has(Role.TRADER) || caller.has(Role.QUANT)) {
      return accounts.ownedBy(OwnerType.USER, caller.subject());
    }
    return List.of();
  }

  private static boolean owns(Caller caller, Account account) {
    return switch (account.ownerType()) {
      case USER ->
          (caller.has(Role.TRADER) || caller.has(Role.QUANT))
              && account.ownerId().equals(caller.subject());
      case STRATEGY -> caller.has(Role.STRATEGY) && account.ownerId().equals(caller.strategy());
    };
  }

  private Account existing(String accountId) {
    return accounts
        .find(accountId)
        .orElseThrow(() -> ApiProblem.notFound("account " + accountId + " does not exist"));
  }
}
