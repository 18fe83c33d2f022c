package io.alphintra.brokerconnector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The execution stream pushes the account's fills and order states in one numbered order: live,
 * replayed exactly after a subscriber's sequence, and with an explicit {@code gap} when the
 * subscriber's position is no longer held (the journal here holds only {@value #HELD} entries).
 */
class ExecutionStreamIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SYMBOL = "SIMUSDT";
  private static final int HELD = 8;

  private static SimulatedVenue venue;
  private static RunningConnector connector;
  private static VenueTrader maker;
  private static VenueTrader own;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    venue = SimulatedVenue.start();
    connector =
        RunningConnector.start(venue, SYMBOL, "alphintra.broker.execution-journal-size=" + HELD);
    maker = venue.maker();
    own = venue.connectorAccount();
  }

  @AfterAll
  static void stop() {
    connector.close();
    venue.close();
  }

  @AfterEach
  void clearBook() {
    maker.cancelAll(SYMBOL);
    own.cancelAll(SYMBOL);
  }

  @Test
  void anOrdersStatesAndFillArriveLiveInSequenceAndAResumeReplaysExactlyWhatFollows() {
    Subscriber live = subscribe("");
    String id = filledRestingBuy("91.00", "2");

    await("the order's fill and FILLED state are pushed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> live.of(id, "fill").size() == 1 && filled(live.of(id, "order")));
    List<JsonNode> entries = live.entries();
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).path("sequence").asLong())
          .isEqualTo(entries.get(i - 1).path("sequence").asLong() + 1);
    }
    JsonNode fill = live.of(id, "fill").getFirst();
    assertThat(fill.path("side").asString()).isEqualTo("BUY");
    assertThat(new BigDecimal(fill.path("price").asString())).isEqualByComparingTo("91.00");
    assertThat(new BigDecimal(fill.path("quantity").asString())).isEqualByComparingTo("2");
    JsonNode last = live.of(id, "order").getLast();
    assertThat(last.path("status").asString()).isEqualTo("FILLED");
    assertThat(new BigDecimal(last.path("executedQuantity").asString())).isEqualByComparingTo("2");
    assertThat(last.path("venueOrderId").asLong()).isPositive();
    assertThat(live.of(id, "order").getFirst().path("status").asString()).isEqualTo("NEW");

    String stream = fill.path("stream").asString();
    long before = live.of(id, "order").getFirst().path("sequence").asLong() - 1;
    List<String> expected =
        entries.stream()
            .filter(e -> e.path("sequence").asLong() > before)
            .map(JsonNode::toString)
            .toList();
    Subscriber resumed = subscribe("?stream=" + stream + "&after=" + before);
    await("the resumed subscriber gets every entry after its sequence")
        .atMost(Duration.ofSeconds(30))
        .until(() -> resumed.messages.size() >= expected.size());
    assertThat(resumed.messages.stream().map(JsonNode::toString).toList())
        .startsWith(expected.toArray(String[]::new));
    assertThat(resumed.gaps()).isEmpty();
    live.close();
    resumed.close();
  }

  @Test
  void aPositionNoLongerHeldOrOfAnotherStreamGetsAnExplicitGapThenTheHeldEntries() {
    Subscriber live = subscribe("");
    // Each filled order is at least three entries: NEW, FILLED and its fill.
    for (int i = 0; i < 4; i++) {
      filledRestingBuy("9" + i + ".50", "1");
    }
    await("more entries than the journal holds")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !live.entries().isEmpty() && live.lastSequence() > HELD + 1);
    String stream = live.entries().getLast().path("stream").asString();
    long newest = live.lastSequence();

    Subscriber behind = subscribe("?stream=" + stream + "&after=1");
    await().atMost(Duration.ofSeconds(30)).until(() -> behind.messages.size() >= HELD + 1);
    JsonNode gap = behind.messages.getFirst();
    assertThat(gap.path("type").asString()).isEqualTo("gap");
    assertThat(gap.path("reason").asString()).isEqualTo("NO_LONGER_HELD");
    assertThat(gap.path("requestedAfter").asLong()).isEqualTo(1);
    long resumeAfter = gap.path("resumeAfter").asLong();
    assertThat(resumeAfter).isEqualTo(newest - HELD);
    assertThat(gap.path("reread").asString()).contains("GET /api/v1/fills", "/api/v1/orders/");
    assertThat(behind.messages.get(1).path("sequence").asLong()).isEqualTo(resumeAfter + 1);

    Subscriber otherStream = subscribe("?stream=" + UUID.randomUUID() + "&after=" + newest);
    await().atMost(Duration.ofSeconds(30)).until(() -> !otherStream.messages.isEmpty());
    assertThat(otherStream.messages.getFirst().path("reason").asString())
        .isEqualTo("STREAM_RESTARTED");
    assertThat(otherStream.messages.getFirst().path("resumeAfter").asLong()).isEqualTo(resumeAfter);
    live.close();
    behind.close();
    otherStream.close();
  }

  /** An order of the connector's account placed through its API rests; the maker fills it. */
  private static String filledRestingBuy(String price, String quantity) {
    String id = "x-" + UUID.randomUUID().toString().substring(0, 18);
    RunningConnector.Reply placed =
        connector.post(
            "/api/v1/orders",
            RunningConnector.order(id, SYMBOL, "BUY", "LIMIT", "GTC", quantity, price));
    assertThat(placed.status()).as(placed.raw()).isEqualTo(201);
    VenueTrader.Answer taker = maker.limit(SYMBOL, "SELL", "IOC", price, quantity);
    assertThat(taker.body().path("status").asString()).isEqualTo("FILLED");
    return id;
  }

  private static boolean filled(List<JsonNode> orderStates) {
    return !orderStates.isEmpty()
        && "FILLED".equals(orderStates.getLast().path("status").asString());
  }

  private Subscriber subscribe(String query) {
    Subscriber subscriber = new Subscriber();
    http.newWebSocketBuilder()
        .buildAsync(URI.create(connector.wsUrl("/api/v1/executions/stream" + query)), subscriber)
        .join();
    return subscriber;
  }

  /** Collects the messages one WebSocket receives. */
  private static final class Subscriber implements WebSocket.Listener {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(JSON.readTree(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    List<JsonNode> entries() {
      return messages.stream().filter(m -> !"gap".equals(m.path("type").asString())).toList();
    }

    List<JsonNode> gaps() {
      return messages.stream().filter(m -> "gap".equals(m.path("type").asString())).toList();
    }

    long lastSequence() {
      return entries().getLast().path("sequence").asLong();
    }

    List<JsonNode> of(String clientOrderId, String type) {
      return entries().stream()
          .filter(e -> type.equals(e.path("type").asString()))
          .filter(e -> clientOrderId.equals(e.path("clientOrderId").asString()))
          .toList();
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
  }
}
