package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.VenueMaker;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Orders through trading-api, the real connector and the real simulator: fills become positions,
 * PnL and balances; partial fills; cancel; the append-only history.
 */
class OrderLifecycleIT extends RunningTradingApi {

  private static final String SYMBOL = "SIMUSDT";

  private VenueMaker maker;
  private ApiClient trader;
  private String account;

  @BeforeEach
  void account() {
    maker = stack().maker();
    String subject = "user-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "TRADER"));
    account = userAccount(subject, null);
  }

  @AfterEach
  void clearBook() {
    maker.cancelAll(SYMBOL);
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void aFilledBuyThenAPartlyClosingSellGiveThePositionRealizedAndUnrealizedPnlAfterFees() {
    maker.limit(SYMBOL, "SELL", "100.00", "1.000");
    Reply bought = trader.post(orders(), order(newId(), SYMBOL, "BUY", "LIMIT", "1.000", "100.00"));

    assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
    assertThat(bought.text("status")).isEqualTo("FILLED");
    assertThat(bought.text("filledQuantity")).isEqualTo("1.000");
    assertThat(bought.text("averageFillPrice")).isEqualTo("100.00");

    maker.limit(SYMBOL, "BUY", "110.00", "0.400");
    Reply sold = trader.post(orders(), order(newId(), SYMBOL, "SELL", "LIMIT", "0.400", "110.00"));
    assertThat(sold.text("status")).as(sold.raw()).isEqualTo("FILLED");
    awaitFills(2);

    // Both took liquidity at the venue's 0.1 % taker fee: the buy paid 0.001 SIM (0.1 USDT at its
    // price), the sell 0.044 USDT; realized PnL is (110 - 100) x 0.4 less both fees.
    JsonNode position = position(SYMBOL);
    assertThat(position.path("quantity").asString()).isEqualTo("0.600");
    assertThat(position.path("averagePrice").asString()).isEqualTo("100.00");
    assertThat(position.path("realizedPnl").asString()).isEqualTo("3.85600000");
    assertThat(position.path("fees").asString()).isEqualTo("0.14400000");
    assertThat(position.path("lastPrice").asString()).isEqualTo("110.00");
    assertThat(position.path("unrealizedPnl").asString()).isEqualTo("6.00000000");

    JsonNode balances = trader.get("/api/v1/accounts/" + account + "/balances").body();
    assertThat(balances.toString())
        .contains("{\"asset\":\"SIM\",\"amount\":\"0.599\"}")
        .contains("{\"asset\":\"USDT\",\"amount\":\"-56.044\"}");
    JsonNode fills = trader.get("/api/v1/accounts/" + account + "/fills").body();
    assertThat(fills.findValuesAsString("commissionAsset")).containsExactly("USDT", "SIM");
    JsonNode daily = trader.get("/api/v1/accounts/" + account + "/pnl/daily").body();
    assertThat(daily.get(0).path("realizedPnl").decimalValue()).isEqualByComparingTo("3.856");
    assertThat(daily.get(0).path("fees").decimalValue()).isEqualByComparingTo("0.144");
    assertThat(daily.get(0).path("fills").asLong()).isEqualTo(2);
  }

  @Test
  void aRestingOrderFilledInTwoPartsIsRecordedAsTwoFillsFromTheFillFeed() {
    maker.limit(SYMBOL, "SELL", "99.00", "0.400");
    String id = newId();
    Reply placed = trader.post(orders(), order(id, SYMBOL, "BUY", "LIMIT", "1.000", "99.00"));

    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("PARTIALLY_FILLED");
    assertThat(placed.text("filledQuantity")).isEqualTo("0.400");

    maker.limit(SYMBOL, "SELL", "99.00", "0.600");
    await("the rest is filled on the venue and polled")
        .atMost(Duration.ofSeconds(30))
        .until(() -> "FILLED".equals(trader.get(orders() + "/" + id).text("status")));
    awaitFills(2);

    JsonNode fills = trader.get("/api/v1/accounts/" + account + "/fills").body();
    assertThat(fills.findValuesAsString("quantity")).containsExactlyInAnyOrder("0.6", "0.4");
    assertThat(position(SYMBOL).path("quantity").asString()).isEqualTo("1.000");
    assertThat(trader.get(orders() + "/" + id + "/events").body().findValuesAsString("to"))
        .containsExactly("PENDING_NEW", "PARTIALLY_FILLED", "FILLED");
  }

  @Test
  void aCanceledOrderIsClosedWithWhoCanceledItInItsHistoryAndCannotBeCanceledAgain() {
    String id = newId();
    Reply placed = trader.post(orders(), order(id, SYMBOL, "BUY", "LIMIT", "1.000", "80.00"));
    assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");

    Reply canceled = trader.delete(orders() + "/" + id);
    assertThat(canceled.status()).as(canceled.raw()).isEqualTo(200);
    assertThat(canceled.text("status")).isEqualTo("CANCELED");

    Reply again = trader.delete(orders() + "/" + id);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("reason")).isEqualTo("ORDER_CLOSED");
    JsonNode events = trader.get(orders() + "/" + id + "/events").body();
    assertThat(events.get(2).path("to").asString()).isEqualTo("CANCELED");
    assertThat(events.get(2).path("reason").asString()).contains("cancel requested by user-");
  }

  @Test
  void listsFilterByStatusAndSymbolAndPage() {
    String resting1 = newId();
    String resting2 = newId();
    trader.post(orders(), order(resting1, SYMBOL, "BUY", "LIMIT", "1.000", "70.00"));
    trader.post(orders(), order(resting2, SYMBOL, "BUY", "LIMIT", "1.000", "71.00"));
    String canceled = newId();
    trader.post(orders(), order(canceled, SYMBOL, "BUY", "LIMIT", "1.000", "72.00"));
    trader.delete(orders() + "/" + canceled);

    assertThat(
            trader
                .get(orders() + "?status=NEW&symbol=simusdt")
                .body()
                .findValuesAsString("clientOrderId"))
        .containsExactly(resting2, resting1);
    assertThat(trader.get(orders() + "?status=CANCELED").body().findValuesAsString("clientOrderId"))
        .containsExactly(canceled);
    assertThat(trader.get(orders() + "?size=1&page=1").body().findValuesAsString("clientOrderId"))
        .containsExactly(resting2);
    assertThat(trader.get(orders() + "?from=2999-01-01T00:00:00Z").body().size()).isZero();
  }

  @Test
  void quantitiesWithMoreDecimalsThanTheSymbolAllowsAreRefusedNotRounded() {
    Reply reply = trader.post(orders(), order(newId(), SYMBOL, "BUY", "LIMIT", "1.0001", "80.00"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("detail")).contains("quantity 1.0001", "3 decimals");
  }

  /** Fills arrive from the connector's fill feed, after the order's state. */
  private void awaitFills(int count) {
    await("the fills are recorded from the connector's fill feed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> trader.get("/api/v1/accounts/" + account + "/fills").body().size() >= count);
  }

  private JsonNode position(String symbol) {
    JsonNode positions = trader.get("/api/v1/accounts/" + account + "/positions").body();
    for (JsonNode position : positions) {
      if (symbol.equals(position.path("symbol").asString())) {
        return position;
      }
    }
    throw new AssertionError("no position in " + symbol + ": " + positions);
  }

  private String orders() {
    return "/api/v1/accounts/" + account + "/orders";
  }
}
