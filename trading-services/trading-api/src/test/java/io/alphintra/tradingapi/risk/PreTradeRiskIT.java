package io.alphintra.tradingapi.risk;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import io.alphintra.tradingapi.testing.VenueMaker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every pre-trade rule refuses before anything reaches the venue, with a stable reason and a
 * message naming the limit and the value; the kill switch also cancels what is open.
 */
class PreTradeRiskIT extends RunningTradingApi {

  private static final String SYMBOL = "RSKUSDT";

  private VenueMaker maker;
  private String subject;
  private ApiClient trader;

  @BeforeEach
  void trader() {
    maker = stack().maker();
    subject = "risk-" + UUID.randomUUID();
    trader = as(stack().issuer().user(subject, "QUANT"));
  }

  @AfterEach
  void clearBook() {
    maker.cancelAll(SYMBOL);
    stack().connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void aSymbolOutsideTheAllowListIsRefused() {
    String account = userAccount(subject, "{\"allowedSymbols\":[\"SIMUSDT\"]}");

    Reply reply = place(account, "BUY", "1.000", "90.00");

    assertRefused(reply, "SYMBOL_NOT_ALLOWED", "RSKUSDT", "SIMUSDT");
  }

  @Test
  void anOrderOverTheMaxOrderNotionalIsRefused() {
    String account = userAccount(subject, "{\"maxOrderNotional\":\"50\"}");

    Reply reply = place(account, "BUY", "1.000", "90.00");

    assertRefused(reply, "MAX_ORDER_NOTIONAL", "90", "50");
    assertThat(reply.text("limit")).isEqualTo("50");
    assertThat(reply.text("value")).isEqualTo("90");
  }

  @Test
  void anOrderThatWouldTakeThePositionOverTheMaxPositionNotionalIsRefused() {
    String account = userAccount(subject, "{\"maxPositionNotional\":\"150\"}");
    maker.limit(SYMBOL, "SELL", "100.00", "1.000");
    assertThat(place(account, "BUY", "1.000", "100.00").text("status")).isEqualTo("FILLED");

    Reply reply = place(account, "BUY", "1.000", "100.00");

    assertRefused(reply, "MAX_POSITION_NOTIONAL", "would be 2", "200", "150");
    assertThat(place(account, "SELL", "0.500", "130.00").status())
        .as("reducing the position stays allowed")
        .isEqualTo(201);
  }

  @Test
  void aPriceFarFromTheLastTradeIsRefusedByThePriceBand() {
    String account = userAccount(subject, "{\"priceBandBps\":500}");

    Reply far = place(account, "BUY", "1.000", "120.00");
    Reply near = place(account, "BUY", "1.000", "96.00");

    assertRefused(far, "PRICE_BAND", "120.00", "500 bps");
    assertThat(near.status()).as(near.raw()).isEqualTo(201);
  }

  @Test
  void theOpenOrdersLimitCountsRestingOrders() {
    String account = userAccount(subject, "{\"maxOpenOrders\":2}");
    assertThat(place(account, "BUY", "1.000", "90.00").text("status")).isEqualTo("NEW");
    assertThat(place(account, "BUY", "1.000", "91.00").text("status")).isEqualTo("NEW");

    Reply reply = place(account, "BUY", "1.000", "92.00");

    assertRefused(reply, "MAX_OPEN_ORDERS", "2 open orders", "max open orders is 2");
  }

  @Test
  void ordersOverTheRatePerSecondAreRefused() throws Exception {
    String account = userAccount(subject, "{\"maxOrdersPerSecond\":1}");
    List<Future<Reply>> replies = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
      for (int i = 0; i < 5; i++) {
        replies.add(pool.submit(() -> place(account, "BUY", "1.000", "90.00")));
      }
    }
    List<Reply> refused = new ArrayList<>();
    for (Future<Reply> reply : replies) {
      if (reply.get().status() == 422) {
        refused.add(reply.get());
      }
    }

    assertThat(refused).isNotEmpty();
    assertRefused(refused.get(0), "ORDER_RATE", "1 per second");
  }

  @Test
  void theKillSwitchCancelsOpenOrdersAndRefusesNewOnesUntilReleased() {
    String account = userAccount(subject, null);
    String resting = newId();
    trader.post(orders(account), order(resting, SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));

    Reply traderTries = trader.put(killSwitch(account), "{\"engaged\":true,\"reason\":\"mine\"}");
    assertThat(traderTries.status()).isEqualTo(403);

    Reply engaged =
        admin().put(killSwitch(account), "{\"engaged\":true,\"reason\":\"runaway strategy\"}");
    assertThat(engaged.status()).as(engaged.raw()).isEqualTo(200);
    assertThat(engaged.body().path("notCanceled").size()).isZero();
    assertThat(engaged.body().path("canceled").get(0).asString()).isEqualTo(resting + ": CANCELED");
    assertThat(trader.get(orders(account) + "/" + resting).text("status")).isEqualTo("CANCELED");
    assertRefused(place(account, "BUY", "1.000", "90.00"), "KILL_SWITCH", "runaway strategy");

    admin().put(killSwitch(account), "{\"engaged\":false,\"reason\":\"fixed\"}");
    assertThat(place(account, "BUY", "1.000", "90.00").status()).isEqualTo(201);
  }

  private static void assertRefused(Reply reply, String reason, String... messageParts) {
    assertThat(reply.status()).as(reply.raw()).isEqualTo(422);
    assertThat(reply.text("reason")).isEqualTo(reason);
    assertThat(reply.text("detail")).contains(messageParts);
  }

  private Reply place(String account, String side, String quantity, String price) {
    return trader.post(orders(account), order(newId(), SYMBOL, side, "LIMIT", quantity, price));
  }

  private static String orders(String account) {
    return "/api/v1/accounts/" + account + "/orders";
  }

  private static String killSwitch(String account) {
    return "/api/v1/accounts/" + account + "/kill-switch";
  }
}
