package io.alphintra.tradingapi.fill;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.broker.ConnectorOrder;
import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TradingStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills are recorded exactly once: a report seen twice records nothing twice, and fills that
 * happened while the connector was away are recovered once it is back (at a new address, picked up
 * from the connectors file without a restart).
 */
class FillRecoveryIT extends RunningTradingApi {

  private static final String SYMBOL = "EXOUSDT";

  @Autowired private JdbcClient jdbc;
  @Autowired private ExecutionLedger ledger;

  @Test
  void fillsMadeWhileTheConnectorWasDownAreRecoveredOnceItIsBackAtANewAddress() {
    String subject = "rec-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String id = newId();
    Reply placed =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(id, SYMBOL, "BUY", "LIMIT", "3.00", "9.50"));
    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");

    stack().stopConnector();
    stack().maker().limit(SYMBOL, "SELL", "9.50", "3.00");
    stack().startConnector();

    await("the fill is recovered from the restarted connector")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "FILLED"
                    .equals(
                        trader
                            .get("/api/v1/accounts/" + account + "/orders/" + id)
                            .text("status")));
    assertThat(fillsOf(account)).isEqualTo(1);
    assertThat(
            trader
                .get("/api/v1/accounts/" + account + "/positions")
                .body()
                .get(0)
                .path("quantity")
                .asString())
        .isEqualTo("3.00");
  }

  @Test
  void theSameVenueReportAppliedTwiceRecordsOneFill() {
    String subject = "rec-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String id = newId();
    trader.post(
        "/api/v1/accounts/" + account + "/orders",
        order(id, SYMBOL, "BUY", "LIMIT", "1.00", "5.00"));
    String venueId =
        jdbc.sql("SELECT venue_client_order_id FROM trade_order WHERE client_order_id = ?")
            .param(id)
            .query(String.class)
            .single();
    // A report as a push feed might deliver it, arriving while the order also rests on the venue.
    ConnectorOrder report =
        new ConnectorOrder(
            venueId,
            987_654_321L,
            SYMBOL,
            "PARTIALLY_FILLED",
            new BigDecimal("0.40"),
            new BigDecimal("2.0000"),
            System.currentTimeMillis());

    ledger.apply(new OrderReport(TradingStack.CONNECTION, report), "venue", "test report");
    ledger.apply(new OrderReport(TradingStack.CONNECTION, report), "venue", "test report");

    assertThat(fillsOf(account)).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT quantity FROM position WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("0.40");
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  private long fillsOf(String account) {
    return jdbc.sql("SELECT count(*) FROM fill WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }
}
