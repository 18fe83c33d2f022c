package io.alphintra.tradingapi.order;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.OwnVenue;
import io.alphintra.tradingapi.testing.RunningTradingApi;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An order the venue no longer knows (its simulator restarted with an empty book, as in a release)
 * is settled by its cancel instead of a cancel answered 503 forever.
 */
class VenueLostOrderIT extends RunningTradingApi {

  private static final String SYMBOL = "SIMUSDT";

  private static OwnVenue venue;

  @BeforeAll
  static void venue() {
    venue = OwnVenue.start("lost-venue");
  }

  @AfterAll
  static void stopVenue() {
    venue.close();
  }

  @Test
  void aCancelOfAnOrderTheVenueLostAnswersItSettledAsExpiredAndReleasesItsOpenOrderSlot() {
    String subject = "lost-" + UUID.randomUUID();
    ApiClient trader = as(stack().issuer().user(subject, "TRADER"));
    String account = account("USER", subject, "{\"maxOpenOrders\":1}", venue.connection());
    String orders = "/api/v1/accounts/" + account + "/orders";
    String resting = newId();
    Reply placed = trader.post(orders, order(resting, SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.text("status")).isEqualTo("NEW");

    venue.restartSimulator();

    // A client retries a 503 (the connector reconnecting to the venue); the venue's answer that it
    // has no such order must end that.
    AtomicReference<Reply> cancel = new AtomicReference<>();
    await("the cancel answered with something other than 503")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              cancel.set(trader.delete(orders + "/" + resting));
              return cancel.get().status() != 503;
            });
    Reply settled = cancel.get();
    assertThat(settled.status()).as(settled.raw()).isEqualTo(200);
    assertThat(settled.text("status")).isEqualTo("EXPIRED");
    assertThat(settled.text("rejectReason")).isEqualTo("NOT_ON_VENUE");
    assertThat(trader.get(orders + "/" + resting).text("status")).isEqualTo("EXPIRED");

    JsonNode history = trader.get(orders + "/" + resting + "/events").body();
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.path("from").asString()).isEqualTo("NEW");
    assertThat(last.path("to").asString()).isEqualTo("EXPIRED");
    assertThat(last.path("actor").asString()).isEqualTo(subject);
    assertThat(last.path("reason").asString())
        .contains("cancel requested by " + subject)
        .contains("the venue has no record of the order");

    // Its open-order slot (maxOpenOrders 1) is free again, on the venue that restarted.
    Reply next = trader.post(orders, order(newId(), SYMBOL, "BUY", "LIMIT", "1.000", "90.00"));
    assertThat(next.status()).as(next.raw()).isEqualTo(201);
    assertThat(next.text("status")).isEqualTo("NEW");
  }
}
