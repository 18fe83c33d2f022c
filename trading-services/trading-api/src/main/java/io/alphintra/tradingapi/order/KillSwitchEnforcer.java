package io.alphintra.tradingapi.order;

import io.alphintra.tradingapi.account.Account;
import io.alphintra.tradingapi.account.Accounts;
import io.alphintra.tradingapi.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an engaged kill switch does to an account's open orders: the switch's own cancel pass, the
 * cancel of a placement that resolved while the switch was engaged, and the enforcer that cancels
 * every second what nothing canceled yet.
 */
@Component
public class KillSwitchEnforcer {

  private static final Logger log = LoggerFactory.getLogger(KillSwitchEnforcer.class);

  private final Accounts accounts;
  private final Orders orders;
  private final VenueCancel venueCancel;
  private final InFlightPlacements inFlight;

  KillSwitchEnforcer(
      Accounts accounts, Orders orders, VenueCancel venueCancel, InFlightPlacements inFlight) {
    this.accounts = accounts;
    this.orders = orders;
    this.venueCancel = venueCancel;
    this.inFlight = inFlight;
  }

  /**
   * What the kill switch did with an account's open orders, each entry {@code "<clientOrderId>:
   * <what>"}.
   *
   * @param canceled canceled on the venue (by the switch, or by a placement that resolved
   *     meanwhile)
   * @param cancelOnAcknowledgement placements still unresolved (pending here or on another replica,
   *     or UNKNOWN): each is canceled as soon as the venue acknowledges it; a rejected one needs
   *     nothing
   * @param notCanceled acknowledged orders whose cancel failed (retry the PUT; trading-api also
   *     retries every second)
   */
  public record StopOutcome(
      List<String> canceled, List<String> cancelOnAcknowledgement, List<String> notCanceled) {}

  /**
   * The kill switch's pass over an account's open orders, run after the switch is engaged (so every
   * placement from then on is refused): waits for this replica's placements in flight (at most the
   * connector's request timeout), then cancels every acknowledged order.
   */
  public StopOutcome cancelAllOpen(String accountId, String actor, String why) {
    long deadline = inFlight.deadline();
    List<String> canceled = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (TradeOrder open : orders.openOf(accountId)) {
      TradeOrder order = open;
      if (inFlight.await(order.id(), deadline)) {
        order = orders.find(order.id()).orElse(order);
      }
      if (order.status() == OrderStatus.CANCELED) {
        canceled.add(order.clientOrderId() + ": canceled as its placement resolved");
      } else if (order.status() == OrderStatus.PENDING_NEW
          || order.status() == OrderStatus.UNKNOWN) {
        unresolved.add(
            order.clientOrderId()
                + ": placement unresolved ("
                + order.status()
                + "); canceled once the venue acknowledges it");
      } else if (order.status().isCancelable()) {
        try {
          TradeOrder after = venueCancel.cancel(order, actor, why);
          canceled.add(order.clientOrderId() + ": " + after.status());
        } catch (ApiProblem e) {
          if (!"ORDER_CLOSED".equals(e.reason())) {
            failed.add(order.clientOrderId() + ": " + e.getMessage());
          } else if (orders.find(order.id()).orElse(order).status() == OrderStatus.CANCELED) {
            // Canceled meanwhile by the enforcer or another replica's pass.
            canceled.add(order.clientOrderId() + ": CANCELED");
          }
        }
      }
      // Otherwise the order closed by itself (filled, rejected, expired): nothing to cancel.
    }
    return new StopOutcome(canceled, unresolved, failed);
  }

  /**
   * Cancels an order the venue acknowledged if its account's kill switch was engaged while the
   * placement was in flight (the switch's own cancel pass could not cancel it yet); the order as
   * recorded after.
   */
  TradeOrder cancelIfStopped(TradeOrder order) {
    if (!order.status().isCancelable()) {
      return order;
    }
    Account account = accounts.find(order.accountId()).orElseThrow();
    if (!account.killSwitch()) {
      return order;
    }
    try {
      return venueCancel.cancel(
          order,
          "trading-api",
          "kill switch engaged while the placement was in flight: " + account.killSwitchReason());
    } catch (ApiProblem e) {
      // The enforcer below tries again.
      log.warn("order {}: cancel for the kill switch failed: {}", order.id(), e.getMessage());
      return orders.find(order.id()).orElse(order);
    }
  }

  /**
   * The kill switch's enforcer: every second, cancels acknowledged open orders of stopped accounts
   * that nothing canceled yet — a placement resolved by the poller or pushed (UNKNOWN, or in flight
   * on another replica), a switch set by a replica that stopped before its cancel pass, a cancel
   * that failed.
   */
  @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.SECONDS)
  void enforceKillSwitches() {
    for (TradeOrder order : orders.acknowledgedOpenOfStoppedAccounts(100)) {
      if (inFlight.contains(order.id())) {
        continue; // its placement cancels it as it resolves
      }
      Account account = accounts.find(order.accountId()).orElseThrow();
      try {
        venueCancel.cancel(
            order, "trading-api", "kill switch engaged: " + account.killSwitchReason());
      } catch (ApiProblem e) {
        if (!"ORDER_CLOSED".equals(e.reason())) {
          log.warn("order {}: cancel for the kill switch failed: {}", order.id(), e.getMessage());
        }
      } catch (RuntimeException e) {
        log.warn("order {}: cancel for the kill switch failed", order.id(), e);
      }
    }
  }
}
