package io.alphintra.tradingapi.risk;

import io.alphintra.tradingapi.account.AccountAccess;
import io.alphintra.tradingapi.account.AccountView;
import io.alphintra.tradingapi.account.Accounts;
import io.alphintra.tradingapi.broker.ConnectorDirectory;
import io.alphintra.tradingapi.order.KillSwitchEnforcer;
import io.alphintra.tradingapi.security.Caller;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's kill switch (ADMIN): engaging it refuses new orders from then on and cancels the
 * open ones.
 */
@RestController
class KillSwitchController {

  private final Accounts accounts;
  private final AccountAccess access;
  private final KillSwitchEnforcer killSwitch;
  private final Clock clock;
  private final ConnectorDirectory connectors;

  KillSwitchController(
      Accounts accounts,
      AccountAccess access,
      KillSwitchEnforcer killSwitch,
      Clock clock,
      ConnectorDirectory connectors) {
    this.accounts = accounts;
    this.access = access;
    this.killSwitch = killSwitch;
    this.clock = clock;
    this.connectors = connectors;
  }

  /**
   * The account after the change and what happened to its open orders (each {@code
   * "<clientOrderId>: <what>"}; all empty when the switch is released).
   *
   * @param account the account
   * @param canceled the orders canceled on the venue
   * @param cancelOnAcknowledgement orders whose placement had not resolved when this answer was
   *     written: each is canceled as soon as the venue acknowledges it (a rejected one needs
   *     nothing)
   * @param notCanceled acknowledged orders whose cancel failed, and why: trading-api retries every
   *     second; retrying the PUT reports again
   */
  record KillSwitchResult(
      AccountView account,
      List<String> canceled,
      List<String> cancelOnAcknowledgement,
      List<String> notCanceled) {}

  @PutMapping("/api/v1/accounts/{accountId}/kill-switch")
  KillSwitchResult set(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String accountId,
      @Valid @RequestBody KillSwitchRequest request) {
    Caller caller = Caller.of(jwt);
    access.requireAdmin(caller, "the kill switch");
    access.readable(caller, accountId);
    accounts.setKillSwitch(
        accountId, request.engaged(), request.reason(), caller.subject(), clock.instant());
    KillSwitchEnforcer.StopOutcome outcome =
        request.engaged()
            ? killSwitch.cancelAllOpen(
                accountId, caller.subject(), "kill switch engaged: " + request.reason())
            : new KillSwitchEnforcer.StopOutcome(List.of(), List.of(), List.of());
    return new KillSwitchResult(
        AccountView.of(accounts.find(accountId).orElseThrow(), connectors),
        outcome.canceled(),
        outcome.cancelOnAcknowledgement(),
        outcome.notCanceled());
  }
}
