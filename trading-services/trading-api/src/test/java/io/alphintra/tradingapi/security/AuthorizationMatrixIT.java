package io.alphintra.tradingapi.security;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TokenIssuer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every role (and anonymous), with tokens signed by a real key whose JWKS is
 * served over HTTP: ADMIN everything; TRADER and QUANT read and trade their own accounts; VIEWER
 * reads every account; STRATEGY reads and trades only its strategy's account.
 */
class AuthorizationMatrixIT extends RunningTradingApi {

  private enum Who {
    ANONYMOUS,
    ADMIN,
    OWNER_TRADER,
    OWNER_QUANT,
    OTHER_TRADER,
    OTHER_QUANT,
    VIEWER,
    OWN_STRATEGY,
    OTHER_STRATEGY
  }

  private enum Kind {
    ADMIN_ONLY,
    READ,
    TRADE,
    ANY_AUTHENTICATED
  }

  private record Endpoint(String method, String path, Kind kind, Function<String, String> body) {}

  private String owner;
  private String strategy;
  private String userAccount;
  private String strategyAccount;

  @BeforeEach
  void accounts() {
    owner = "owner-" + UUID.randomUUID();
    strategy = "momentum-" + UUID.randomUUID().toString().substring(0, 8);
    userAccount = userAccount(owner, null);
    strategyAccount = account("STRATEGY", strategy, null);
  }

  @AfterAll
  static void clearBook() {
    stack().connectorAccount().cancelAll("SIMUSDT");
  }

  @Test
  void everyEndpointAnswersEachRoleAsTheMatrixSays() {
    List<String> mismatches = new ArrayList<>();
    for (String account : List.of(userAccount, strategyAccount)) {
      for (Endpoint endpoint : endpoints(account)) {
        for (Who who : Who.values()) {
          boolean allowed = allowed(who, endpoint.kind(), account);
          Reply reply =
              client(who)
                  .send(
                      endpoint.method(),
                      endpoint.path(),
                      endpoint.body() == null ? null : endpoint.body().apply(account));
          int expectedDenial = who == Who.ANONYMOUS ? 401 : 403;
          boolean denied = reply.status() == 401 || reply.status() == 403;
          if (allowed == denied || (denied && reply.status() != expectedDenial)) {
            mismatches.add(
                endpoint.method()
                    + " "
                    + endpoint.path()
                    + " as "
                    + who
                    + ": expected "
                    + (allowed ? "allowed" : expectedDenial)
                    + ", got "
                    + reply.status()
                    + " "
                    + reply.raw());
          }
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void theAccountListShowsEachCallerOnlyWhatItMayRead() {
    assertThat(ids(client(Who.OWNER_TRADER))).contains(userAccount).doesNotContain(strategyAccount);
    assertThat(ids(client(Who.OWN_STRATEGY))).contains(strategyAccount).doesNotContain(userAccount);
    assertThat(ids(client(Who.OTHER_TRADER))).doesNotContain(userAccount, strategyAccount);
    assertThat(ids(client(Who.VIEWER))).contains(userAccount, strategyAccount);
  }

  @Test
  void tokensThatAreNotAuthServicesAreRefused() {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    stack()
        .issuer()
        .invalid(owner)
        .forEach((why, token) -> statuses.put(why, as(token).get("/api/v1/accounts").status()));

    assertThat(statuses).allSatisfy((why, status) -> assertThat(status).as(why).isEqualTo(401));
  }

  @Test
  void aStrategyTokenIsAcceptedOnlyWithThisEnvironmentsNamespace() {
    TokenIssuer issuer = stack().issuer();
    String path = "/api/v1/accounts/" + strategyAccount;

    assertThat(as(issuer.strategy(strategy, TokenIssuer.NAMESPACE)).get(path).status())
        .isEqualTo(200);
    assertThat(as(issuer.strategy(strategy, "env-b")).get(path).status()).isEqualTo(401);
    assertThat(as(issuer.strategy(strategy, null)).get(path).status()).isEqualTo(401);
    // Other roles carry no namespace claim.
    assertThat(as(issuer.user(owner, "TRADER")).get("/api/v1/accounts").status()).isEqualTo(200);
  }

  private static List<String> ids(ApiClient client) {
    return client.get("/api/v1/accounts").body().findValuesAsString("id");
  }

  private boolean allowed(Who who, Kind kind, String account) {
    if (who == Who.ANONYMOUS) {
      return false;
    }
    if (who == Who.ADMIN) {
      return true;
    }
    boolean owns =
        account.equals(userAccount)
            ? Set.of(Who.OWNER_TRADER, Who.OWNER_QUANT).contains(who)
            : who == Who.OWN_STRATEGY;
    return switch (kind) {
      case ADMIN_ONLY -> false;
      case ANY_AUTHENTICATED -> true;
      case READ -> owns || who == Who.VIEWER;
      case TRADE -> owns;
    };
  }

  private ApiClient client(Who who) {
    TokenIssuer issuer = stack().issuer();
    return switch (who) {
      case ANONYMOUS -> as(null);
      case ADMIN -> as(issuer.user(ADMIN, "ADMIN"));
      case OWNER_TRADER -> as(issuer.user(owner, "TRADER"));
      case OWNER_QUANT -> as(issuer.user(owner, "QUANT"));
      case OTHER_TRADER -> as(issuer.user("someone-else", "TRADER"));
      case OTHER_QUANT -> as(issuer.user("someone-else", "QUANT"));
      case VIEWER -> as(issuer.user("watcher", "VIEWER"));
      case OWN_STRATEGY -> as(issuer.strategy(strategy));
      case OTHER_STRATEGY -> as(issuer.strategy("other-strategy"));
    };
  }

  private static List<Endpoint> endpoints(String account) {
    String base = "/api/v1/accounts/" + account;
    return List.of(
        new Endpoint(
            "POST",
            "/api/v1/accounts",
            Kind.ADMIN_ONLY,
            a ->
                "{\"id\":\"m-"
                    + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"ownerType\":\"USER\",\"ownerId\":\"x\",\"brokerConnection\":\"c\"}"),
        new Endpoint("GET", "/api/v1/accounts", Kind.ANY_AUTHENTICATED, null),
        new Endpoint("GET", base, Kind.READ, null),
        new Endpoint("PUT", base + "/risk-limits", Kind.ADMIN_ONLY, a -> "{}"),
        new Endpoint(
            "PUT",
            base + "/kill-switch",
            Kind.ADMIN_ONLY,
            a -> "{\"engaged\":false,\"reason\":\"matrix\"}"),
        new Endpoint(
            "POST",
            base + "/orders",
            Kind.TRADE,
            a -> order(newId(), "SIMUSDT", "BUY", "LIMIT", "0.100", "60.00")),
        new Endpoint("GET", base + "/orders", Kind.READ, null),
        new Endpoint("GET", base + "/orders/no-such-order", Kind.READ, null),
        new Endpoint("DELETE", base + "/orders/no-such-order", Kind.TRADE, null),
        new Endpoint("GET", base + "/orders/no-such-order/events", Kind.READ, null),
        new Endpoint("GET", base + "/positions", Kind.READ, null),
        new Endpoint("GET", base + "/balances", Kind.READ, null),
        new Endpoint("GET", base + "/fills", Kind.READ, null),
        new Endpoint("GET", base + "/pnl/daily", Kind.READ, null));
  }
}
