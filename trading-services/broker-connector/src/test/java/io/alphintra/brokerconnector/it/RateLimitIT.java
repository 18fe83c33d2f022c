package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import io.alphintra.brokerconnector.it.VenueTrader.Answer;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives the connector past a venue configured with low limits (10 orders / 10 s, 400 weight /
 * minute, banning after one violation): it must never draw a 429, let alone a 418, and order
 * throughput must sit at the venue's limit.
 */
class RateLimitIT {

    private static final String SYMBOL = "SIMUSDT";
    private static final int VENUE_ORDERS_PER_10S = 10;
    private static final int VENUE_WEIGHT_PER_MINUTE = 400;

    private static SimulatedVenue venue;
    private static RunningConnector connector;

    @BeforeAll
    static void start() {
        venue = SimulatedVenue.start(
                "alphintra.simulator.rate-limits.orders-per10-seconds=" + VENUE_ORDERS_PER_10S,
                "alphintra.simulator.rate-limits.request-weight-per-minute=" + VENUE_WEIGHT_PER_MINUTE,
                "alphintra.simulator.rate-limits.ban-after-violations=1");
        // Our own budget is set far above the venue's: the venue's announced limits must win.
        connector = RunningConnector.start(venue, SYMBOL,
                "alphintra.broker.orders-per10-seconds=1000", "alphintra.broker.request-weight-per-minute=6000");
    }

    @AfterAll
    static void stop() {
        connector.close();
        venue.close();
    }

    @Test
    void ordersBeyondTheVenuesLimitWaitForTheNextWindowInsteadOfDrawingA429() throws Exception {
        assertThat(connector.get("/api/v1/health/broker").body().path("orderLimit10s").asInt()).isEqualTo(VENUE_ORDERS_PER_10S);
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
        assertThat(connector.metric("broker_venue_latency_seconds_count", "outcome=\"rate_limited\"")).isZero();
        Answer open = venue.connectorAccount().signed("GET", "/api/v3/openOrders", Map.of("symbol", SYMBOL));
        Map<Long, Integer> perWindow = new TreeMap<>();
        for (JsonNode order : open.body()) {
            perWindow.merge(order.path("time").asLong() / 10_000, 1, Integer::sum);
        }
        assertThat(perWindow.values()).as("orders per venue 10 s window").allMatch(count -> count <= VENUE_ORDERS_PER_10S);
        assertThat(perWindow).as("25 orders at 10 per window need at least 3 windows").hasSizeGreaterThanOrEqualTo(3);
        assertThat(System.currentTimeMillis() - started).isGreaterThan(10_000);
        venue.connectorAccount().cancelAll(SYMBOL);
    }

    @Test
    void followsTheVenuesUsedWeightWhenAnotherClientOnTheSameIpSpendsTheBudget() {
        // Keep the burn and the lookups inside one venue minute, so the shared budget is really exhausted.
        await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(200)).until(() -> LocalTime.now().getSecond() < 35);
        Reply placed = connector.post("/api/v1/orders", order("rl-weight", SYMBOL, "BUY", "LIMIT", "GTC", "1", "10.00"));
        assertThat(placed.status()).isEqualTo(201);
        VenueTrader neighbour = venue.maker();
        int used = neighbour.publicGet("/api/v3/ping", false).usedWeight();
        while (used + 20 <= VENUE_WEIGHT_PER_MINUTE - 30) {
            Answer info = neighbour.publicGet("/api/v3/exchangeInfo?symbol=" + SYMBOL, false);
            assertThat(info.status()).isEqualTo(200);
            used = info.usedWeight();
        }

        Reply first = connector.get("/api/v1/orders/rl-weight");
        int usedAfterFirst = connector.get("/api/v1/health/broker").body().path("usedWeight").asInt();
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Reply lookup = connector.get("/api/v1/orders/rl-weight");
            statuses.add(lookup.status() == 200 ? "200" : lookup.raw());
        }

        assertThat(first.status()).isEqualTo(200);
        assertThat(usedAfterFirst).as("the venue's X-MBX-USED-WEIGHT-1M adopted").isGreaterThanOrEqualTo(VENUE_WEIGHT_PER_MINUTE - 34);
        assertThat(statuses).containsOnly("200");
        assertThat(connector.metric("broker_venue_latency_seconds_count", "outcome=\"rate_limited\"")).isZero();
        venue.connectorAccount().cancelAll(SYMBOL);
    }
}
