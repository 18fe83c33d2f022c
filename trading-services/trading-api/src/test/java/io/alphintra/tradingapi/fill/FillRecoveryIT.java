package io.alphintra.tradingapi.fill;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.broker.ConnectorFill;
import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.TradingStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Fills come from the connector's fill feed with the venue's commissions and are recorded exactly
 * once: a trade read twice records nothing twice, a restarted feed resumes after the last recorded
 * trade, and fills that happened while the connector was away are recovered once it is back (at a
 * new address, picked up from the connectors file without a restart).
 */
class FillRecoveryIT extends RunningTradingApi {

  private static final String SYMBOL = "EXOUSDT";

  @Autowired private JdbcClient jdbc;
  @Autowired private ExecutionLedger ledger;
  @Autowired private Fills fills;
  @Autowired private ConnectorFillFeed feed;
  @Autowired private FillIntake intake;

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

    // The order's state and its fill travel apart (the order's report, the fill's execution
    // entry): both are awaited.
    await("the fill is recovered from the restarted connector")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "FILLED"
                        .equals(
                            trader
                                .get("/api/v1/accounts/" + account + "/orders/" + id)
                                .text("status"))
                    && fillsOf(account) == 1);
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
  void theVenuesCommissionsReachTheFillsAndRealizedPnl() {
    String subject = "fee-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String orders = "/api/v1/accounts/" + account + "/orders";

    // Taker buy: the venue keeps 0.1 % of the 3.00 EXO received, 0.003 EXO = 0.03 USDT at 10.00.
    stack().maker().limit(SYMBOL, "SELL", "10.00", "3.00");
    Reply bought = trader.post(orders, order(newId(), SYMBOL, "BUY", "LIMIT", "3.00", "10.00"));
    assertThat(bought.text("status")).as(bought.raw()).isEqualTo("FILLED");
    // Maker sell: 0.1 % of the 33.00 USDT received, 0.033 USDT.
    String sell = newId();
    trader.post(orders, order(sell, SYMBOL, "SELL", "LIMIT", "3.00", "11.00"));
    stack().maker().limit(SYMBOL, "BUY", "11.00", "3.00");
    await("both fills recorded").atMost(Duration.ofSeconds(30)).until(() -> fillsOf(account) == 2);

    JsonNode fills = trader.get("/api/v1/accounts/" + account + "/fills").body();
    assertThat(fills.findValuesAsString("commissionAsset")).containsExactly("USDT", "EXO");
    assertThat(decimals(fills, "commission")).containsExactly(dec("0.033"), dec("0.003"));
    assertThat(decimals(fills, "fee")).containsExactly(dec("0.033"), dec("0.03"));
    assertThat(decimals(fills, "realizedPnl")).containsExactly(dec("2.967"), dec("-0.03"));
    JsonNode position = trader.get("/api/v1/accounts/" + account + "/positions").body().get(0);
    assertThat(position.path("quantity").asString()).isEqualTo("0.00");
    assertThat(position.path("realizedPnl").asString()).isEqualTo("2.93700000");
    assertThat(position.path("fees").asString()).isEqualTo("0.06300000");
  }

  @Test
  void aRestartedFeedResumesAfterTheLastRecordedTradeAndRecordsNothingTwice() {
    String subject = "restart-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String orders = "/api/v1/accounts/" + account + "/orders";
    stack().maker().limit(SYMBOL, "SELL", "10.00", "1.00");
    trader.post(orders, order(newId(), SYMBOL, "BUY", "LIMIT", "1.00", "10.00"));
    await("the first fill recorded")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fillsOf(account) == 1);
    long first = lastTradeIdOf(account);
    await("the cursor passed it")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fills.cursor(TradingStack.CONNECTION, SYMBOL) >= first);

    feed.stop();
    stack().maker().limit(SYMBOL, "SELL", "10.00", "2.00");
    trader.post(orders, order(newId(), SYMBOL, "BUY", "LIMIT", "2.00", "10.00"));
    // As if the cursor had been lost: the feed re-reads every fill the connector holds.
    jdbc.sql("UPDATE fill_cursor SET last_trade_id = -1 WHERE symbol = ?").param(SYMBOL).update();
    feed.start();

    await("the fill made while the feed was stopped is recorded")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fillsOf(account) == 2);
    long second = lastTradeIdOf(account);
    await("the cursor is back after the newest trade")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fills.cursor(TradingStack.CONNECTION, SYMBOL) >= second);
    assertThat(fillsOf(account)).isEqualTo(2);
    assertThat(
            jdbc.sql("SELECT quantity FROM position WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("3.00");
  }

  @Test
  void theSameTradeRecordedTwiceIsOneFill() {
    String subject = "twice-" + UUID.randomUUID();
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
    // A trade as the feed delivers it, arriving twice (a re-read after a failed acknowledgement).
    ConnectorFill trade =
        new ConnectorFill(
            SYMBOL,
            Long.MAX_VALUE - 7,
            987_654_321L,
            venueId,
            "BUY",
            new BigDecimal("5.00"),
            new BigDecimal("0.40"),
            new BigDecimal("0.0004"),
            "EXO",
            true,
            System.currentTimeMillis());

    assertThat(ledger.recordTrade(TradingStack.CONNECTION, trade))
        .isEqualTo(ExecutionLedger.TradeOutcome.RECORDED);
    assertThat(ledger.recordTrade(TradingStack.CONNECTION, trade))
        .isEqualTo(ExecutionLedger.TradeOutcome.DUPLICATE);

    assertThat(fillsOf(account)).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT quantity FROM position WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("0.40");
    stack().connectorAccount().cancelAll(SYMBOL);
    jdbc.sql("UPDATE fill_cursor SET last_trade_id = -1 WHERE symbol = ?").param(SYMBOL).update();
  }

  @Test
  void aTradeOfAnOrderTradingApiDidNotPlaceIsPassedOverAndTheFeedGoesOn() {
    String subject = "foreign-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    // The connection's venue account trades once by hand, not through trading-api.
    stack().maker().limit(SYMBOL, "SELL", "10.00", "1.00");
    stack().connectorAccount().limit(SYMBOL, "BUY", "10.00", "1.00");
    stack().maker().limit(SYMBOL, "SELL", "10.00", "2.00");

    trader.post(
        "/api/v1/accounts/" + account + "/orders",
        order(newId(), SYMBOL, "BUY", "LIMIT", "2.00", "10.00"));

    await("the account's own fill, after the foreign one, is recorded")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fillsOf(account) == 1);
    assertThat(
            jdbc.sql("SELECT quantity FROM fill WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("2.00");
  }

  @Test
  void aTradeNamingOnlyAVenueOrderIdWaitsUntilTheOrdersVenueIdsAreKnown() {
    String subject = "unresolved-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = userAccount(subject, null);
    String id = newId();
    Reply placed =
        trader.post(
            "/api/v1/accounts/" + account + "/orders",
            order(id, SYMBOL, "BUY", "LIMIT", "1.00", "5.00"));
    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");
    long venueOrderId =
        jdbc.sql("SELECT venue_order_id FROM trade_order WHERE client_order_id = ?")
            .param(id)
            .query(Long.class)
            .single();
    // A trade as the connector recovers it from myTrades: no client order id, only the venue's.
    ConnectorFill trade =
        new ConnectorFill(
            SYMBOL,
            Long.MAX_VALUE - 9,
            venueOrderId,
            null,
            "BUY",
            new BigDecimal("5.00"),
            new BigDecimal("0.30"),
            BigDecimal.ZERO,
            null,
            true,
            System.currentTimeMillis());

    intake.stop(); // the order-state poller, which would learn the venue order id again
    try {
      jdbc.sql("UPDATE trade_order SET venue_order_id = NULL WHERE client_order_id = ?")
          .param(id)
          .update();
      assertThat(ledger.recordTrade(TradingStack.CONNECTION, trade))
          .isEqualTo(ExecutionLedger.TradeOutcome.ORDER_NOT_RESOLVED);
      assertThat(fillsOf(account)).isZero();
    } finally {
      intake.start();
    }

    await("recorded once the poller knows the order's venue id again")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ledger.recordTrade(TradingStack.CONNECTION, trade)
                    == ExecutionLedger.TradeOutcome.RECORDED);
    assertThat(fillsOf(account)).isEqualTo(1);
    stack().connectorAccount().cancelAll(SYMBOL);
    jdbc.sql("UPDATE fill_cursor SET last_trade_id = -1 WHERE symbol = ?").param(SYMBOL).update();
  }

  @Test
  void tradesOfAnOrderWhoseFillsWereDerivedBeforeTheFeedAreNotRecordedAgain() {
    String subject = "derived-" + UUID.randomUUID();
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
    // As migration V2 leaves an order whose first 0.30 were recorded from its states.
    jdbc.sql("UPDATE trade_order SET derived_quantity = 0.30 WHERE client_order_id = ?")
        .param(id)
        .update();

    assertThat(ledger.recordTrade(TradingStack.CONNECTION, trade(venueId, 20, "0.30")))
        .isEqualTo(ExecutionLedger.TradeOutcome.DUPLICATE);
    assertThat(fillsOf(account)).isZero();
    assertThat(ledger.recordTrade(TradingStack.CONNECTION, trade(venueId, 19, "0.20")))
        .isEqualTo(ExecutionLedger.TradeOutcome.RECORDED);
    assertThat(fillsOf(account)).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT quantity FROM position WHERE account_id = ?")
                .param(account)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("0.20");
    stack().connectorAccount().cancelAll(SYMBOL);
    jdbc.sql("UPDATE fill_cursor SET last_trade_id = -1 WHERE symbol = ?").param(SYMBOL).update();
  }

  private static ConnectorFill trade(String clientOrderId, long idBelowMax, String quantity) {
    return new ConnectorFill(
        SYMBOL,
        Long.MAX_VALUE - idBelowMax,
        123_456_789L,
        clientOrderId,
        "BUY",
        new BigDecimal("5.00"),
        new BigDecimal(quantity),
        BigDecimal.ZERO,
        null,
        true,
        System.currentTimeMillis());
  }

  private long lastTradeIdOf(String account) {
    return jdbc.sql("SELECT max(trade_id) FROM fill WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }

  private static List<BigDecimal> decimals(JsonNode fills, String field) {
    return fills.findValues(field).stream()
        .map(node -> new BigDecimal(node.asString()).stripTrailingZeros())
        .toList();
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value).stripTrailingZeros();
  }

  private long fillsOf(String account) {
    return jdbc.sql("SELECT count(*) FROM fill WHERE account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }
}
