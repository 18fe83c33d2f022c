package io.alphintra.tradingapi.account;

import io.alphintra.tradingapi.broker.ConnectorDirectory;
import io.alphintra.tradingapi.security.Caller;
import io.alphintra.tradingapi.web.ApiProblem;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts: ADMIN creates them and sets their limits; owners and VIEWERs read them. */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountController {

  private final Accounts accounts;
  private final AccountAccess access;
  private final ConnectorDirectory connectors;

  AccountController(Accounts accounts, AccountAccess access, ConnectorDirectory connectors) {
    this.accounts = accounts;
    this.access = access;
    this.connectors = connectors;
  }

  /** Creates an account (ADMIN). */
  @PostMapping
  @Transactional
  ResponseEntity<AccountView> create(
      @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CreateAccountRequest request) {
    access.requireAdmin(Caller.of(jwt), "creating an account");
    Account account =
        new Account(
            request.id(),
            request.ownerType(),
            request.ownerId().strip(),
            request.brokerConnection().strip(),
            RiskLimits.NONE,
            false,
            null,
            null,
            null);
    if (!accounts.create(account)) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "ACCOUNT_EXISTS",
          "account " + request.id() + " already exists: choose another id");
    }
    if (request.limits() != null) {
      accounts.updateLimits(request.id(), request.limits());
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(view(accounts.find(request.id()).orElseThrow()));
  }

  /** The accounts the caller may read. */
  @GetMapping
  List<AccountView> list(@AuthenticationPrincipal Jwt jwt) {
    return access.visible(Caller.of(jwt)).stream().map(this::view).toList();
  }

  /** The account, if the caller may read it; {@code routable} says whether it can trade now. */
  @GetMapping("/{accountId}")
  AccountView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String accountId) {
    return view(access.readable(Caller.of(jwt), accountId));
  }

  /** Replaces the account's risk limits (ADMIN); a null limit is not checked. */
  @PutMapping("/{accountId}/risk-limits")
  @Transactional
  AccountView limits(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @RequestBody RiskLimits limits) {
    Caller caller = Caller.of(jwt);
    access.requireAdmin(caller, "changing risk limits");
    access.readable(caller, accountId);
    accounts.updateLimits(accountId, limits);
    return view(accounts.find(accountId).orElseThrow());
  }

  private AccountView view(Account account) {
    return AccountView.of(account, connectors);
  }
}
