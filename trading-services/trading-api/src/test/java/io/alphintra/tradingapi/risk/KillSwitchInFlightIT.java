package io.alphintra.tradingapi.risk;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kill switch against orders whose placement is still in flight to the venue (the simulator
 * answers late): such an order is canceled as soon as the venue acknowledges it, new placements are
 * refused from the moment the switch is set, and the answer says which order went which way.
 */
class KillSwitchInFlightIT extends RunningTradingApi {

  private static final String SYMBOL = "IDMUSDT";

  @Autowired private JdbcClient jdbc;

  private ApiClient trader;
  private String account;

  @BeforeEach
  void account() {
    String subject = "kill-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = userAccount(subject, null);
  }

  @AfterEach
  void clear() {
    stack().faults("{}");
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void anOrderInFlightWhenTheSwitchIsEngagedIsCanceledOnceTheVenueAcknowledgesIt() {
    stack().faults("{\"latencyMillis\":3000}");
    String inFlight = newId();
    CompletableFuture<Reply> placement =
        CompletableFuture.supplyAsync(
            () -> trader.post(orders(), order(inFlight, SYMBOL, "BUY", "LIMIT", "1.000", "90.00")));
    await("the placement in flight")
        .atMost(Duration.ofSeconds(10))
        .until(() -> "PENDING_NEW".equals(trader.get(orderPath(inFlight)).text("status")));

    CompletableFuture<Reply> engage =
        CompletableFuture.supplyAsync(
            () ->
                admin()
                    .put(
                        "/api/v1/accounts/" + account + "/kill-switch",
                        "{\"engaged\":true,\"reason\":\"stop it\"}"));
    await("the switch set")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> admin().get("/api/v1/accounts/" + account).body().path("killSwitch").asBoolean());
    Reply refused = trader.post(orders(), order(newId(), SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));
    assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
    assertThat(refused.text("reason")).isEqualTo("KILL_SWITCH");

    Reply engaged = engage.join();
    assertThat(engaged.status()).as(engaged.raw()).isEqualTo(200);
    assertThat(engaged.body().path("canceled").get(0).asString())
        .isEqualTo(inFlight + ": canceled as its placement resolved");
    assertThat(engaged.body().path("cancelOnAcknowledgement").size()).isZero();
    assertThat(engaged.body().path("notCanceled").size()).isZero();
    // The placement's own answer is the order as it ended: acknowledged, then canceled.
    Reply placed = placement.join();
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.text("status")).isEqualTo("CANCELED");
    // Who recorded CANCELED first is a race between the placement's own cancel answer and the
    // venue's pushed report of that cancel: the switch's answer above says what was decided.
    assertThat(stack().connectorAccount().openOrders(SYMBOL).size()).isZero();
  }

  @Test
  void anAcknowledgedOrderOfAStoppedAccountThatNoPassCanceledIsCanceledByTheEnforcer() {
    String resting = newId();
    Reply placed = trader.post(orders(), order(resting, SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));
    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");

    // The switch as a replica leaves it that stopped right after setting it, before its cancel
    // pass.
    jdbc.sql(
            "UPDATE account SET kill_switch = true, kill_switch_reason = 'replica gone',"
                + " kill_switch_by = 'admin-1', kill_switch_at = now() WHERE id = ?")
        .param(account)
        .update();

    await("the enforcer's cancel")
        .atMost(Duration.ofSeconds(15))
        .until(() -> "CANCELED".equals(trader.get(orderPath(resting)).text("status")));
    // Nothing but the enforcer cancels here; whether its cancel answer or the venue's pushed report
    // of that cancel is recorded first is a race, so the history's reason is not asserted.
    assertThat(stack().connectorAccount().openOrders(SYMBOL).size()).isZero();
  }

  private String orders() {
    return "/api/v1/accounts/" + account + "/orders";
  }

  private String orderPath(String clientOrderId) {
    return orders() + "/" + clientOrderId;
  }
}
