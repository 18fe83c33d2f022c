package io.alphintra.brokersimulator.api;

import io.alphintra.brokersimulator.account.Account;
import io.alphintra.brokersimulator.account.ApiAccount;
import io.alphintra.brokersimulator.account.Assets;
import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.market.Exchange;
import io.alphintra.brokersimulator.market.SymbolSpec;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v3/account}: commissions and free/locked balances. */
@RestController
@RequestMapping("/api/v3")
class AccountController {

  private static final BigDecimal BASIS_POINTS = BigDecimal.valueOf(10_000);

  private final Ledger ledger;
  private final Exchange exchange;
  private final SignedRequests signedRequests;
  private final Clock clock;

  AccountController(Ledger ledger, Exchange exchange, SignedRequests signedRequests, Clock clock) {
    this.ledger = ledger;
    this.exchange = exchange;
    this.signedRequests = signedRequests;
    this.clock = clock;
  }

  @GetMapping("/account")
  Map<String, Object> account(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    ApiAccount apiAccount = signedRequests.authenticate(request, parameters);
    boolean omitZero =
        parameters.optional("omitZeroBalances").map(Boolean::parseBoolean).orElse(false);
    Account account = ledger.account(apiAccount.ledgerAccountId());
    // Commission rates are per symbol in the engine; the account reports the first symbol's.
    SymbolSpec reference = exchange.specs().iterator().next();
    BigDecimal maker = reference.properties().makerFee();
    BigDecimal taker = reference.properties().takerFee();

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("makerCommission", maker.multiply(BASIS_POINTS).intValue());
    body.put("takerCommission", taker.multiply(BASIS_POINTS).intValue());
    body.put("buyerCommission", 0);
    body.put("sellerCommission", 0);
    body.put(
        "commissionRates",
        Map.of(
            "maker",
            rate(maker),
            "taker",
            rate(taker),
            "buyer",
            rate(BigDecimal.ZERO),
            "seller",
            rate(BigDecimal.ZERO)));
    body.put("canTrade", true);
    body.put("canWithdraw", false);
    body.put("canDeposit", false);
    body.put("brokered", false);
    body.put("requireSelfTradePrevention", false);
    body.put("preventSor", false);
    body.put("updateTime", clock.millis());
    body.put("accountType", "SPOT");
    body.put("balances", balances(account, omitZero));
    body.put("permissions", List.of("SPOT"));
    body.put("uid", apiAccount.ledgerAccountId());
    return body;
  }

  /** The symbol's commission rates for this account (the same for every account here). */
  @GetMapping("/account/commission")
  Map<String, Object> commission(HttpServletRequest request) {
    ApiParameters parameters = ApiParameters.of(request);
    signedRequests.authenticate(request, parameters);
    SymbolSpec spec =
        exchange.spec(parameters.required("symbol")).orElseThrow(ApiException::invalidSymbol);
    return CommissionRates.ofSymbol(spec);
  }

  private List<Map<String, Object>> balances(Account account, boolean omitZero) {
    List<Map<String, Object>> balances = new ArrayList<>();
    Assets assets = ledger.assets();
    Account.Balances snapshot = account.balances();
    for (int asset = 0; asset < assets.size(); asset++) {
      long free = snapshot.free(asset);
      long locked = snapshot.locked(asset);
      if (omitZero && free == 0 && locked == 0) {
        continue;
      }
      Map<String, Object> balance = new LinkedHashMap<>();
      balance.put("asset", assets.name(asset));
      balance.put("free", Assets.fromUnits(free).toPlainString());
      balance.put("locked", Assets.fromUnits(locked).toPlainString());
      balances.add(balance);
    }
    return balances;
  }

  private static String rate(BigDecimal rate) {
    return rate.setScale(Assets.SCALE).toPlainString();
  }
}
