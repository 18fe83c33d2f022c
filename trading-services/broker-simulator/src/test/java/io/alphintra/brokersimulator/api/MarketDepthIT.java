package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokersimulator.api.SigningClient.Response;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The seeded market as shipped (application.yaml defaults, no test profile): deep enough that a 0.1
 * BTC market order fills completely within a few ticks, and refilled after a sweep.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "alphintra.simulator.accounts[0].api-key=whale-key",
      "alphintra.simulator.accounts[0].secret-key=whale-secret",
      "alphintra.simulator.accounts[0].balances.USDT=10000000",
      "alphintra.simulator.accounts[0].balances.BTC=100"
    })
class MarketDepthIT {

  private static final String SYMBOL = "BTCUSDT";
  private static final BigDecimal TICK = new BigDecimal("0.01");
  private static final BigDecimal FEW_TICKS = TICK.multiply(BigDecimal.valueOf(5));

  @LocalServerPort int port;

  private SigningClient whale;

  @BeforeEach
  void client() {
    whale = new SigningClient("http://localhost:" + port, "whale-key", "whale-secret", "10.9.9.9");
    await().atMost(Duration.ofSeconds(20)).until(() -> quotedLevels(depth()) >= 20);
  }

  @Test
  void aTenthOfABitcoinFillsCompletelyWithinAFewTicksEitherWay() {
    JsonNode book = depth();
    BigDecimal spread = price(book.path("asks").get(0)).subtract(price(book.path("bids").get(0)));
    assertThat(spread).isPositive().isLessThanOrEqualTo(FEW_TICKS);

    for (String side : new String[] {"BUY", "SELL"}) {
      Response order =
          whale.signed(
              "POST",
              "/api/v3/order",
              params("symbol", SYMBOL, "side", side, "type", "MARKET", "quantity", "0.1"));

      assertThat(order.status()).as("%s", order.body()).isEqualTo(200);
      assertThat(order.body().path("status").asString()).isEqualTo("FILLED");
      assertThat(order.body().path("executedQty").asString()).isEqualTo("0.10000000");
      BigDecimal first = price(order.body().path("fills").get(0).path("price"));
      BigDecimal worst = first;
      for (JsonNode fill : order.body().path("fills")) {
        BigDecimal price = price(fill.path("price"));
        worst = side.equals("BUY") ? worst.max(price) : worst.min(price);
      }
      assertThat(worst.subtract(first).abs()).as(side).isLessThanOrEqualTo(FEW_TICKS);
    }
  }

  @Test
  void theBookRefillsAfterAMarketOrderSweepsASide() {
    Response sweep =
        whale.signed(
            "POST",
            "/api/v3/order",
            params("symbol", SYMBOL, "side", "BUY", "type", "MARKET", "quoteOrderQty", "1000000"));

    assertThat(sweep.status()).as("%s", sweep.body()).isEqualTo(200);
    // The whole ask side was taken before the budget ran out.
    assertThat(sweep.body().path("status").asString()).isEqualTo("EXPIRED");
    assertThat(new BigDecimal(sweep.body().path("executedQty").asString()))
        .isGreaterThan(BigDecimal.ONE);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode book = depth();
              assertThat(quotedLevels(book)).isGreaterThanOrEqualTo(20);
              assertThat(price(book.path("asks").get(0)).subtract(price(book.path("bids").get(0))))
                  .isPositive()
                  .isLessThanOrEqualTo(FEW_TICKS);
            });
  }

  private JsonNode depth() {
    return whale.publicGet("/api/v3/depth", params("symbol", SYMBOL, "limit", "50")).body();
  }

  private static int quotedLevels(JsonNode book) {
    return Math.min(book.path("asks").size(), book.path("bids").size());
  }

  private static BigDecimal price(JsonNode levelOrPrice) {
    return new BigDecimal(
        levelOrPrice.isArray() ? levelOrPrice.get(0).asString() : levelOrPrice.asString());
  }
}
