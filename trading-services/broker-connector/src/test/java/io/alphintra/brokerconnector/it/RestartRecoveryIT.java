package io.alphintra.brokerconnector.it;

import static io.alphintra.brokerconnector.it.RunningConnector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.it.RunningConnector.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A connector restart (a new application context, nothing kept in memory) loses no open order. */
class RestartRecoveryIT {

    private static final String SYMBOL = "SIMUSDT";

    private static SimulatedVenue venue;

    @BeforeAll
    static void start() {
        venue = SimulatedVenue.start();
    }

    @AfterAll
    static void stop() {
        venue.close();
    }

    @Test
    void aRestartedConnectorRediscoversOpenOrdersAndStillTreatsTheirIdsAsPlaced() {
        List<String> resting = List.of("rr-1", "rr-2", "rr-3");
        try (RunningConnector before = RunningConnector.start(venue, SYMBOL)) {
            for (int i = 0; i < resting.size(); i++) {
                Reply placed = before.post("/api/v1/orders", order(resting.get(i), SYMBOL, "BUY", "LIMIT", "GTC", "1", "5" + i + ".00"));
                assertThat(placed.status()).isEqualTo(201);
            }
            assertThat(before.post("/api/v1/orders", order("rr-ioc", SYMBOL, "BUY", "LIMIT", "IOC", "1", "50.00"))
                    .body().path("status").asText()).isEqualTo("EXPIRED");
        }
        long acceptedBeforeRestart = venue.acceptedOrders(SYMBOL);

        try (RunningConnector after = RunningConnector.start(venue, SYMBOL)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> after.get("/api/v1/health/broker").body().path("sessionReady").asBoolean());

            assertThat(after.metric("broker_orders_recovered_total", "source=\"startup\"")).isEqualTo(3.0);
            assertThat(after.get("/api/v1/orders/open").body().findValuesAsText("clientOrderId")).containsExactlyInAnyOrderElementsOf(resting);
            Reply repeated = after.post("/api/v1/orders", order("rr-2", SYMBOL, "BUY", "LIMIT", "GTC", "1", "51.00"));
            assertThat(repeated.status()).isEqualTo(200);
            assertThat(repeated.body().path("status").asText()).isEqualTo("NEW");
            assertThat(venue.acceptedOrders(SYMBOL)).isEqualTo(acceptedBeforeRestart);
            // Known from the startup scan, so no ?symbol= is needed to cancel it.
            assertThat(after.delete("/api/v1/orders/rr-3").body().path("status").asText()).isEqualTo("CANCELED");
            assertThat(after.get("/api/v1/orders/rr-ioc").body().path("status").asText()).isEqualTo("EXPIRED");
        }
    }
}
