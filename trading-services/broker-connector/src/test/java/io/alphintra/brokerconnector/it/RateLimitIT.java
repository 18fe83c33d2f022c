package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import io.alphintra.brokerconnector.it.VenueTrader.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Drives the connector past a venue configured with low limits (10 orders / 10 s, 400 weight /
 * minute, banning after one violation): it must never draw a 429, let alone a 418 — not from any
 * call, probes included, and however starved the machine is — and order throughput must sit at the
 * venue's limit.
 */
class RateLimitIT {

  private static final String SYMBOL = "SIMUSDT";
  private static final int VENUE_ORDERS_PER_10S = 10;
  private static final int VENUE_WEIGHT_PER_MINUTE = 400;

  private static SimulatedVenue venue;
  private static RunningConnector connector;

  @BeforeAll
  static void start() {
    venue =
        SimulatedVenue.start(
            "alphintra.simulator.rate-limits.orders-per10-seconds=" + VENUE_ORDERS_PER_10S,
            "alphintra.simulator.rate-limits.request-weight-per-minute=" + VENUE_WEIGHT_PER_MINUTE,
            "alphintra.simulator.rate-limits.ban-after-violations=1");
    // Our own budget is set far above the venue's: the venue's announced limits must win.
    connector =
        RunningConnector.start(
            venue,
            SYMBOL,
            "alphintra.broker.orders-per10-seconds=1000",
            "alphintra.broker.request-weight-per-minute=6000");
  }

  @AfterAll
  static void stop() {
    connector.close();
    venue.close();
  }

  /**
   * The contract, checked after every test over the connector's whole life (so nothing one test
   * drew can hide behind another): no venue call of the connector was answered 429 or 418, by the
   * connector's own count and by the venue's.
   */
  @AfterEach
  void neverDrewA429() {
    assertThat(connector.metric("broker_venue_latency_seconds_count", "outcome=\"rate_limited\""))
        .as("venue calls the connector saw answered 429/418")
        .isZero();
    assertThat(venue.apiAnswers(200)).as("the venue's answer counter works").isPositive();
    assertThat(venue.apiAnswers(429)).as("429 answers the venue sent").isZero();
    assertThat(venue.apiAnswers(418)).as("418 answers the venue sent").isZero();
  }

  @Test
  void ordersBeyondTheVenuesLimitWaitForTheNextWindowInsteadOfDrawingA429() throws Exception {
    assertThat(connector.get("/api/v1/health/broker").body().path("orderLimit10s").asInt())
        .isEqualTo(VENUE_ORDERS_PER_10S);
    int orders = 25;
    long started = System.currentTimeMillis();

    List<Reply> replies = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < orders; i++) {
        String body = order("rl-" + i, SYMBOL, "BUY", "LIMIT", "GTC", "1", "10.00");
        futures.add(callers.submit(() -> connector.post("/api/v1/orders", body)));
      }
      for (Future<Reply> future : futures) {
        replies.add(future.get());
      }
    }

    assertThat(replies).extracting(Reply::status).containsOnly(201);
    Answer open =
        venue.connectorAccount().signed("GET", "/api/v3/openOrders", Map.of("symbol", SYMBOL));
    Map<Long, Integer> perWindow = new TreeMap<>();
    int placed = 0;
    for (JsonNode order : open.body()) {
      if (order.path("clientOrderId").asString().matches("rl-\\d+")) {
        perWindow.merge(order.path("time").asLong() / 10_000, 1, Integer::sum);
        placed++;
      }
    }
    assertThat(placed).as("orders on the venue, each exactly once").isEqualTo(orders);
    assertThat(perWindow.values())
        .as("orders per venue 10 s window")
        .allMatch(count -> count <= VENUE_ORDERS_PER_10S);
    assertThat(perWindow)
        .as("25 orders at 10 per window need at least 3 windows")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(System.currentTimeMillis() - started).isGreaterThan(10_000);
    venue.connectorAccount().cancelAll(SYMBOL);
  }

  @Test
  void followsTheVenuesUsedWeightWhenAnotherClientOnTheSameIpSpendsTheBudget() {
    // An order no one placed: the connector cannot answer it from its user-data feed, so every read
    // is a lookup on the venue (4 weight) that ends in 404.
    String lookup = "/api/v1/orders/rl-absent?symbol=" + SYMBOL;
    VenueTrader neighbour = venue.maker();
    List<String> statuses = new ArrayList<>();

    // The neighbour's burn and our first lookup must fall into one venue minute (the venue runs in
    // this JVM: its minute is System.currentTimeMillis()'s), or the used weight we read means
    // nothing. Start 5 s into a minute, clear of the connector's margin around the roll, so a
    // lookup that must wait for the next minute waits well under the connector's 60 s; a starved
    // machine may still carry the sequence into the next minute, and then it is run again there.
    int burnt = -1;
    int usedAfterFirst = -1;
    for (int attempt = 1; usedAfterFirst < 0; attempt++) {
      assertThat(attempt)
          .as("attempts to keep the burn and the first lookup inside one venue minute")
          .isLessThanOrEqualTo(3);
      await()
          .atMost(Duration.ofSeconds(70))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> secondOfVenueMinute() >= 5 && secondOfVenueMinute() < 30);
      long minute = System.currentTimeMillis() / 60_000;
      int used = neighbour.publicGet("/api/v3/ping", false).usedWeight();
      // Up to 370 exactly: 20 a time, then 1 a time; ten lookups at 4 each then cannot all fit.
      while (used < VENUE_WEIGHT_PER_MINUTE - 30) {
        boolean big = used + 20 <= VENUE_WEIGHT_PER_MINUTE - 30;
        Answer answer =
            neighbour.publicGet(
                big ? "/api/v3/exchangeInfo?symbol=" + SYMBOL : "/api/v3/ping", false);
        assertThat(answer.status()).isEqualTo(200);
        used = answer.usedWeight();
      }
      statuses.add(status(connector.get(lookup)));
      int reported = connector.get("/api/v1/health/broker").body().path("usedWeight").asInt();
      if (System.currentTimeMillis() / 60_000 == minute) {
        burnt = used;
        usedAfterFirst = reported;
      }
    }
    for (int i = 0; i < 10; i++) {
      // At 4 weight each, the budget runs out after about six: the rest wait for the next minute.
      statuses.add(status(connector.get(lookup)));
    }

    assertThat(burnt).isGreaterThanOrEqualTo(VENUE_WEIGHT_PER_MINUTE - 30);
    // The lookup came after the burn in the same minute: the venue counted at least both.
    assertThat(usedAfterFirst)
        .as("the venue's X-MBX-USED-WEIGHT-1M adopted")
        .isGreaterThanOrEqualTo(burnt + 4);
    assertThat(statuses).containsOnly("ORDER_NOT_FOUND");
  }

  private static long secondOfVenueMinute() {
    return System.currentTimeMillis() % 60_000 / 1_000;
  }

  private static String status(Reply reply) {
    return reply.status() == 404 ? reply.body().path("reason").asString() : reply.raw();
  }
}
