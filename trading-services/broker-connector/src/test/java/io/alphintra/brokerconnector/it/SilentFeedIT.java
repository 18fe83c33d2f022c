package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.brokerconnector.order.FeedContinuity;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user-data connection that dies silently (a TCP proxy that stops forwarding but closes nothing)
 * is declared dead within {@code alphintra.broker.user-data-idle-timeout}: the feed stretch ends,
 * reads ask the venue, and once the proxy forwards again the feed resubscribes and answers reads.
 * Only the user-data feed goes through the proxy; REST reaches the venue directly.
 */
class SilentFeedIT {

  private static final String SYMBOL = "SIMUSDT";
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  private static SimulatedVenue venue;
  private static TcpProxy feedProxy;
  private static RunningConnector connector;
  private static VenueTrader maker;

  @BeforeAll
  static void start() throws Exception {
    venue = SimulatedVenue.start();
    feedProxy = new TcpProxy(venue.port());
    connector =
        RunningConnector.start(
            venue,
            SYMBOL,
            "alphintra.broker.user-data-endpoint=ws://localhost:" + feedProxy.port() + "/ws-api/v3",
            "alphintra.broker.user-data-idle-timeout=" + IDLE_TIMEOUT.toMillis() + "ms");
    maker = venue.maker();
  }

  @AfterAll
  static void stop() throws Exception {
    connector.close();
    feedProxy.close();
    venue.close();
  }

  @Test
  void aSilentlyDeadFeedIsDroppedWithinTheIdleTimeoutAndComesBack() {
    FeedContinuity feed = connector.bean(FeedContinuity.class);
    long stretch = connector.liveFeedStretch(FeedContinuity.NONE);
    String clientOrderId = "silent-" + System.nanoTime();
    RunningConnector.Reply placed =
        connector.post(
            "/api/v1/orders",
            RunningConnector.order(clientOrderId, SYMBOL, "BUY", "LIMIT", "GTC", "1", "91.00"));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    assertThat(connector.readOrder(clientOrderId, "feed").body().path("status").asString())
        .isEqualTo("NEW");

    feedProxy.stallForwarding();
    long stalledAt = System.nanoTime();
    await("the silent feed is declared dead")
        .atMost(IDLE_TIMEOUT.multipliedBy(3))
        .until(() -> feed.current() == FeedContinuity.NONE);
    assertThat(Duration.ofNanos(System.nanoTime() - stalledAt))
        .as("dead no sooner than the idle timeout (the feed was live until the stall)")
        .isGreaterThanOrEqualTo(IDLE_TIMEOUT.dividedBy(2));

    long lookups = venue.apiRequests("GET", "/api/v3/order");
    assertThat(connector.readOrder(clientOrderId, "venue").body().path("status").asString())
        .isEqualTo("NEW");
    await("the read asked the venue")
        .atMost(Duration.ofSeconds(10))
        .until(() -> venue.apiRequests("GET", "/api/v3/order") > lookups);

    feedProxy.resumeForwarding();
    connector.liveFeedStretch(stretch);
    assertThat(maker.limit(SYMBOL, "SELL", "IOC", "91.00", "1").body().path("status").asString())
        .isEqualTo("FILLED");
    await("the fill is known and answered from the resumed feed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              RunningConnector.Reply reply = connector.get("/api/v1/orders/" + clientOrderId);
              return reply.status() == 200
                  && reply.headers().firstValue("Order-Source").orElse("").equals("feed")
                  && reply.body().path("status").asString().equals("FILLED");
            });
  }
}
