package io.alphintra.tradingapi.fill;

import static io.alphintra.tradingapi.testing.ApiClient.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alphintra.tradingapi.testing.ApiClient;
import io.alphintra.tradingapi.testing.ApiClient.Reply;
import io.alphintra.tradingapi.testing.OwnVenue;
import io.alphintra.tradingapi.testing.TestDatabase;
import io.alphintra.tradingapi.testing.TradingApiProcess;
import io.alphintra.tradingapi.testing.TradingStack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The poller settles an acknowledged order the venue lost (its simulator restarted with an empty
 * book) as EXPIRED NOT_ON_VENUE without anyone canceling it, and only on the venue's positive
 * answer: a read of the order that times out, fails with 5xx or is a 404 other than {@code
 * ORDER_NOT_FOUND} leaves it open. A trading-api of its own (its own database) with a 1 s grace, so
 * the ITs' shared context (whose grace is an hour, see VenueLostOrderIT) settles nothing here.
 */
class LostOrderReconciliationIT {

  private static final String SYMBOL = "FLTUSDT";
  private static final Duration GRACE = Duration.ofSeconds(1);

  private static OwnVenue venue;
  private static TradingApiProcess process;

  @BeforeAll
  static void start() {
    venue = OwnVenue.start("reconciled-venue");
    process =
        TradingApiProcess.start(
            TestDatabase.newDatabase(),
            "alphintra.trading.broker.lost-order-grace=" + GRACE.toMillis() + "ms",
            "alphintra.trading.broker.request-timeout=2s");
  }

  @AfterAll
  static void stop() {
    if (process != null) {
      process.close();
    }
    if (venue != null) {
      venue.close();
    }
  }

  @Test
  void anOpenOrderTheVenueLostIsSettledExpiredNotOnVenueByThePollerWithoutACancel() {
    Trader trader = new Trader("{\"maxOpenOrders\":1}");
    String resting = trader.restingBuy();

    venue.restartSimulator();

    await("the order the venue lost settled by the poller")
        .atMost(Duration.ofSeconds(60))
        .until(() -> "EXPIRED".equals(trader.read(resting).text("status")));
    assertThat(trader.read(resting).text("rejectReason")).isEqualTo("NOT_ON_VENUE");
    List<JsonNode> expired = trader.transitionsTo(resting, "EXPIRED");
    assertThat(expired).as("settled exactly once").hasSize(1);
    JsonNode settled = expired.getFirst();
    assertThat(settled.path("from").asString()).isEqualTo("NEW");
    assertThat(settled.path("actor").asString()).isEqualTo("reconciler");
    assertThat(settled.path("reason").asString())
        .contains("the venue has no record of the order")
        .contains("open orders: not listed, read by clientOrderId: ORDER_NOT_FOUND");

    // Its open-order slot (maxOpenOrders 1) is free again.
    String next = newId();
    Reply placed = trader.place(next);
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(placed.text("status")).isEqualTo("NEW");
  }

  @Test
  void aTimeoutA5xxOrAnotherNotFoundOfTheVenueLeavesTheOrderOpen() throws IOException {
    Trader trader = new Trader(null);
    String failing = trader.restingBuy();
    String slow = trader.restingBuy();
    String misrouted = trader.restingBuy();
    Map<String, Answer> answers =
        Map.of(
            trader.venueId(failing), Answer.SERVER_ERROR,
            trader.venueId(slow), Answer.NEVER,
            trader.venueId(misrouted), Answer.PLAIN_NOT_FOUND);

    try (FakeConnector fake = new FakeConnector(answers)) {
      venue.route(fake.url());
      Instant pastGrace = Instant.now().plus(GRACE);
      // Two reads after the grace: the first one's answer was handled when the second one came. An
      // order settled meanwhile is read no more: that ends the wait too, and fails below.
      await("each order read twice past the grace, the venue not answering 'unknown order'")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  answers.keySet().stream().allMatch(id -> fake.readsAfter(id, pastGrace) >= 2)
                      || Stream.of(failing, slow, misrouted)
                          .anyMatch(id -> !"NEW".equals(trader.read(id).text("status"))));

      for (String id : List.of(failing, slow, misrouted)) {
        assertThat(trader.read(id).text("status")).as(id).isEqualTo("NEW");
        assertThat(trader.transitionsTo(id, "EXPIRED")).as(id).isEmpty();
      }
    } finally {
      venue.routeToConnector();
    }
  }

  private static String newId() {
    return "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  /** A user with an account on the test's venue, in the test's own trading-api. */
  private static final class Trader {

    private final String account;
    private final ApiClient client;

    Trader(String limitsJson) {
      String subject = "reconciled-" + UUID.randomUUID();
      account = "acc-" + UUID.randomUUID().toString().substring(0, 12);
      Reply created =
          process
              .as(TradingStack.shared().issuer().user("admin-1", "ADMIN"))
              .post(
                  "/api/v1/accounts",
                  "{\"id\":\""
                      + account
                      + "\",\"ownerType\":\"USER\",\"ownerId\":\""
                      + subject
                      + "\",\"brokerConnection\":\""
                      + venue.connection()
                      + "\""
                      + (limitsJson == null ? "" : ",\"limits\":" + limitsJson)
                      + "}");
      assertThat(created.status()).as(created.raw()).isEqualTo(201);
      client = process.as(TradingStack.shared().issuer().user(subject, "TRADER"));
    }

    /** A buy far below the market that rests on the venue; its clientOrderId. */
    String restingBuy() {
      String id = newId();
      // The connector may still be reconnecting to a restarted simulator: a NOT_SENT is retried.
      await("the order placed")
          .atMost(Duration.ofSeconds(60))
          .until(() -> place(id).status() != 503);
      Reply placed = read(id);
      assertThat(placed.text("status")).as(placed.raw()).isEqualTo("NEW");
      return id;
    }

    Reply place(String clientOrderId) {
      return client.post(orders(), order(clientOrderId, SYMBOL, "BUY", "LIMIT", "1.00", "9.00"));
    }

    Reply read(String clientOrderId) {
      return client.get(orders() + "/" + clientOrderId);
    }

    /** The id trading-api sends to the venue for the order: its own id without dashes. */
    String venueId(String clientOrderId) {
      return read(clientOrderId).text("orderId").replace("-", "");
    }

    List<JsonNode> transitionsTo(String clientOrderId, String status) {
      List<JsonNode> found = new ArrayList<>();
      client
          .get(orders() + "/" + clientOrderId + "/events")
          .body()
          .forEach(
              event -> {
                if (status.equals(event.path("to").asString())) {
                  found.add(event);
                }
              });
      return found;
    }

    private String orders() {
      return "/api/v1/accounts/" + account + "/orders";
    }
  }

  /** What the fake connector answers a read of one order. */
  private enum Answer {
    /** A 5xx, as when the venue fails: the order may or may not exist. */
    SERVER_ERROR,
    /** Nothing, until after trading-api's request timeout. */
    NEVER,
    /** A 404 that is not the venue's answer (a proxy's, a wrong path): says nothing about it. */
    PLAIN_NOT_FOUND
  }

  /**
   * A connector over real HTTP whose venue lists no open orders and answers the read of each order
   * as {@link Answer} says; everything else (fill feed, execution stream) is 503 NOT_CONNECTED.
   */
  private static final class FakeConnector implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Answer> answers;
    private final Map<String, List<Instant>> reads = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    FakeConnector(Map<String, Answer> answers) throws IOException {
      this.answers = answers;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext("/", this::handle);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long readsAfter(String venueId, Instant after) {
      return reads.getOrDefault(venueId, List.of()).stream()
          .filter(at -> at.isAfter(after))
          .count();
    }

    private void handle(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/v1/orders/open")) {
        answer(exchange, 200, "[]");
        return;
      }
      if (path.startsWith("/api/v1/orders/")) {
        String id = path.substring("/api/v1/orders/".length());
        reads.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(Instant.now());
        switch (answers.getOrDefault(id, Answer.SERVER_ERROR)) {
          case SERVER_ERROR ->
              answer(exchange, 500, "{\"reason\":\"VENUE_ERROR\",\"detail\":\"the venue failed\"}");
          case PLAIN_NOT_FOUND -> answer(exchange, 404, "{\"detail\":\"no such path\"}");
          case NEVER -> {
            try {
              closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exchange.close();
          }
        }
        return;
      }
      answer(exchange, 503, "{\"reason\":\"NOT_CONNECTED\",\"detail\":\"fake connector\"}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    @Override
    public void close() {
      closing.countDown();
      server.stop(0);
    }
  }
}
