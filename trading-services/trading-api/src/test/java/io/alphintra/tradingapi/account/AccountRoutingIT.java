package io.alphintra.tradingapi.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TradingStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An account reads {@code routable} only while the connectors file names its BrokerConnection's
 * connector, and turns routable when the file gets the entry, without a restart.
 */
class AccountRoutingIT extends RunningTradingApi {

  @AfterEach
  void restoreConnectorsFile() {
    stack().writeConnectorsFile(TradingStack.CONNECTION + "=" + stack().connectorUrl() + "\n");
  }

  @Test
  void anAccountTurnsRoutableWhenTheConnectorsFileGetsItsConnection() {
    String connection = "late-" + UUID.randomUUID().toString().substring(0, 8);
    String strategy = "late-" + UUID.randomUUID().toString().substring(0, 8);
    String id = "acc-" + UUID.randomUUID().toString().substring(0, 12);
    Reply created =
        admin()
            .post(
                "/api/v1/accounts",
                "{\"id\":\""
                    + id
                    + "\",\"ownerType\":\"STRATEGY\",\"ownerId\":\""
                    + strategy
                    + "\",\"brokerConnection\":\""
                    + connection
                    + "\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    assertThat(created.body().path("routable").booleanValue()).isFalse();
    ApiClient owner = as(stack().issuer().strategy(strategy));

    assertThat(routable(owner.get("/api/v1/accounts/" + id))).isFalse();
    assertThat(owner.get("/api/v1/accounts").body())
        .singleElement()
        .satisfies(account -> assertThat(account.path("routable").booleanValue()).isFalse());

    // The operator adds the line; the connector need not answer for the account to be routable.
    stack()
        .writeConnectorsFile(
            TradingStack.CONNECTION
                + "="
                + stack().connectorUrl()
                + "\n"
                + connection
                + "=http://"
                + connection
                + "-connector:8080\n");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> routable(owner.get("/api/v1/accounts/" + id)));
    assertThat(owner.get("/api/v1/accounts").body())
        .singleElement()
        .satisfies(account -> assertThat(account.path("routable").booleanValue()).isTrue());
    assertThat(
            routable(as(stack().issuer().user("viewer-1", "VIEWER")).get("/api/v1/accounts/" + id)))
        .isTrue();
  }

  @Test
  void anAccountOnTheTestConnectionIsRoutable() {
    String id = userAccount("routable-" + UUID.randomUUID(), null);

    assertThat(routable(admin().get("/api/v1/accounts/" + id))).isTrue();
  }

  private static boolean routable(Reply reply) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    JsonNode routable = reply.body().path("routable");
    assertThat(routable.isBoolean()).as(reply.raw()).isTrue();
    return routable.booleanValue();
  }
}
