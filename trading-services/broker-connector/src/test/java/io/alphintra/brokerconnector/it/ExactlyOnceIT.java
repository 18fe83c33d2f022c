package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import io.alphintra.brokerconnector.it.VenueTrader.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thousands of orders through a venue that times out, fails with 5xx and answers -1007 after
 * accepting (~5 % of requests in all): every clientOrderId must exist on the venue exactly once.
 *
 * <p>Half the orders are IOC orders that expire at once: a connector that resent them blindly would
 * create a second, closed order with the same id, which only the venue's own accepted-order counter
 * reveals, so that counter must equal the number of ids. The count is 2,000 in the default build
 * and 10,000 under {@code -Pbench} ({@code -Dexactly-once.orders=...}).
 */
class ExactlyOnceIT {

  private static final Logger log = LoggerFactory.getLogger(ExactlyOnceIT.class);
  private static final String SYMBOL = "EXOUSDT";
  private static final int ORDERS = Integer.getInteger("exactly-once.orders", 2000);
  private static final int IN_FLIGHT = 48;

  private static SimulatedVenue venue;
  private static RunningConnector connector;

  @BeforeAll
  static void start() {
    venue =
        SimulatedVenue.start(
            "alphintra.simulator.rate-limits.request-weight-per-minute=100000000",
            "alphintra.simulator.rate-limits.orders-per10-seconds=10000000");
    connector =
        RunningConnector.start(
            venue,
            SYMBOL,
            "alphintra.broker.request-weight-per-minute=100000000",
            "alphintra.broker.orders-per10-seconds=10000000",
            // A short response timeout and recvWindow make unknown outcomes frequent and quick to
            // settle.
            "alphintra.broker.request-timeout=250ms",
            "alphintra.broker.recv-window=1s",
            "alphintra.broker.resend-settle-margin=500ms");
  }

  @AfterAll
  static void stop() {
    connector.close();
    venue.close();
  }

  @Test
  void everyClientOrderIdExistsOnTheVenueExactlyOnceDespiteTimeoutsServerErrorsAndMinus1007()
      throws Exception {
    // ~2 % of API requests fail with a 500 before executing, ~2 % of accepted orders answer -1007,
    // and latency is uniform in [0, 262] ms against a 250 ms client timeout (~5 % time out after
    // executing).
    venue.faults(
        "{\"latencyMillis\":0,\"latencyJitterMillis\":262,\"serverErrorRate\":0.02,\"timeoutAfterAcceptRate\":0.02}");
    long acceptedBefore = venue.acceptedOrders(SYMBOL);
    Map<String, String> expectedStatus = new ConcurrentHashMap<>();
    Map<Integer, Integer> replyStatuses = new ConcurrentHashMap<>();
    long started = System.nanoTime();

    AtomicInteger retried = new AtomicInteger();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> placements = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        String id = "xo-" + i;
        boolean resting = i % 2 == 0;
        String body =
            resting
                ? order(id, SYMBOL, "BUY", "LIMIT", "GTC", "10", "1.00")
                : order(id, SYMBOL, "SELL", "LIMIT", "IOC", "1", "1000.00");
        inFlight.acquire();
        placements.add(
            callers.submit(
                () -> {
                  try {
                    Reply reply = placeAsAClientWould(body, retried);
                    replyStatuses.merge(reply.status(), 1, Integer::sum);
                    expectedStatus.put(id, reply.body().path("status").asString());
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (Future<?> placement : placements) {
        placement.get();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    venue.faults("{}");

    double recovered =
        connector.metric("broker_orders_recovered_total", "source=\"reconciliation\"");
    double resent = connector.metric("broker_orders_resent_total");
    double unknownOutcomes =
        connector.metric(
            "broker_venue_latency_seconds_count", "method=\"POST\"", "outcome=\"unknown\"");
    log.info(
        "{} orders in {} s: replies {}, 503 retries {}, unknown outcomes {}, recovered by lookup {}, resent after confirmed absence {}",
        ORDERS,
        String.format("%.1f", seconds),
        replyStatuses,
        retried.get(),
        unknownOutcomes,
        recovered,
        resent);

    assertThat(replyStatuses).containsOnlyKeys(201);
    assertThat(expectedStatus).hasSize(ORDERS);
    for (int i = 0; i < ORDERS; i++) {
      assertThat(expectedStatus.get("xo-" + i))
          .as("status of xo-" + i)
          .isEqualTo(i % 2 == 0 ? "NEW" : "EXPIRED");
    }
    assertThat(venue.acceptedOrders(SYMBOL) - acceptedBefore)
        .as("orders the venue accepted")
        .isEqualTo(ORDERS);

    VenueTrader checker = venue.connectorAccount();
    Answer open = checker.signed("GET", "/api/v3/openOrders", Map.of("symbol", SYMBOL));
    Set<String> openIds = new HashSet<>(open.body().findValuesAsString("clientOrderId"));
    assertThat(open.body().size())
        .as("resting orders on the venue")
        .isEqualTo(ORDERS / 2 + ORDERS % 2);
    assertThat(openIds).hasSize(open.body().size());
    Map<String, Integer> notFound = new HashMap<>();
    for (int i = 1; i < ORDERS; i += 2) {
      Answer expired =
          checker.signed(
              "GET", "/api/v3/order", Map.of("symbol", SYMBOL, "origClientOrderId", "xo-" + i));
      if (expired.status() != 200 || !"EXPIRED".equals(expired.body().path("status").asString())) {
        notFound.merge(expired.body().toString(), 1, Integer::sum);
      }
    }
    assertThat(notFound).as("IOC orders missing on the venue").isEmpty();
    // The faults really happened and both recovery paths ran.
    assertThat(unknownOutcomes).isGreaterThan(ORDERS * 0.02);
    assertThat(recovered).isPositive();
    assertThat(resent).isPositive();
  }

  /**
   * Places an order the way the connector's contract tells a client to: a 503 (nothing was sent,
   * e.g. NOT_CONNECTED while the venue session re-establishes itself on a starved machine) carries
   * {@code Retry-After} and is retried with the same clientOrderId. Any other answer is final.
   */
  private static Reply placeAsAClientWould(String body, AtomicInteger retried) {
    AtomicReference<Reply> last = new AtomicReference<>();
    // The connector's Retry-After for a 503 is 1 s; the bound is the 20 attempts a client would
    // make before giving up.
    await("a placement the connector accepts or answers with other than 503")
        .atMost(Duration.ofSeconds(20))
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (last.get() != null) {
                retried.incrementAndGet();
              }
              Reply reply = connector.post("/api/v1/orders", body);
              last.set(reply);
              return reply.status() != 503 || reply.headers().firstValue("Retry-After").isEmpty();
            });
    return last.get();
  }
}
