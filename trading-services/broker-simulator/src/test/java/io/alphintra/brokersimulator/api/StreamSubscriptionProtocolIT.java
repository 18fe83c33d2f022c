package io.alphintra.brokersimulator.api;

import static io.alphintra.brokersimulator.api.SigningClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Connect first, then subscribe: Binance's live subscription protocol on {@code /ws} and {@code
 * /stream}, its error answers and its connection limits, over real WebSockets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@ActiveProfiles("it")
class StreamSubscriptionProtocolIT {

  @LocalServerPort int port;

  private final List<WebSocketTestClient> clients = new ArrayList<>();
  private SigningClient alice;
  private SigningClient carol;

  @BeforeEach
  void traders() {
    alice =
        new SigningClient("http://localhost:" + port, "alice-key", "alice-secret", "10.201.0.1");
    carol =
        new SigningClient("http://localhost:" + port, "carol-key", "carol-secret", "10.201.0.2");
  }

  @AfterEach
  void closeAndCancel() {
    clients.forEach(WebSocketTestClient::close);
    alice.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
    carol.signed("DELETE", "/api/v3/openOrders", params("symbol", "SIMUSDT"));
  }

  @Test
  void rawConnectionWithoutStreamsSubscribesListsAndUnsubscribes() throws Exception {
    WebSocketTestClient client = connect("/ws");

    JsonNode subscribed =
        client.request(
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"simusdt@trade\",\"SIMUSDT@aggTrade\"],\"id\":1}");
    assertThat(subscribed.toString()).isEqualTo("{\"result\":null,\"id\":1}");
    JsonNode listed = client.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"list2\"}");
    assertThat(listed.path("result").valueStream().map(JsonNode::asString))
        .containsExactly("simusdt@trade", "simusdt@aggTrade");
    assertThat(listed.path("id").asString()).isEqualTo("list2");

    long tradeId = trade("100.00", "1");
    JsonNode trade = client.next(node -> "trade".equals(node.path("e").asString()));
    assertThat(trade.path("t").asLong()).isEqualTo(tradeId);
    assertThat(trade.has("stream")).isFalse();

    assertThat(
            client
                .request("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"simusdt@trade\"],\"id\":3}")
                .toString())
        .isEqualTo("{\"result\":null,\"id\":3}");
    assertThat(
            client
                .request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}")
                .path("result")
                .valueStream()
                .map(JsonNode::asString))
        .containsExactly("simusdt@aggTrade");
  }

  @Test
  void combinedConnectionWrapsPayloadsUntilTheCombinedPropertyIsTurnedOff() throws Exception {
    WebSocketTestClient client = connect("/stream");
    client.request("{\"method\":\"SUBSCRIBE\",\"params\":[\"simusdt@trade\"],\"id\":1}");
    assertThat(client.request("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":2}"))
        .hasToString("{\"result\":true,\"id\":2}");

    long wrappedId = trade("100.00", "1");
    JsonNode wrapped = client.next(node -> node.has("stream"));
    assertThat(wrapped.path("stream").asString()).isEqualTo("simusdt@trade");
    assertThat(wrapped.path("data").path("t").asLong()).isEqualTo(wrappedId);

    assertThat(
            client.request(
                "{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",false],\"id\":3}"))
        .hasToString("{\"result\":null,\"id\":3}");
    long rawId = trade("100.00", "1");
    JsonNode raw = client.next(node -> node.path("t").asLong() == rawId);
    assertThat(raw.path("e").asString()).isEqualTo("trade");
  }

  @Test
  void malformedRequestsGetBinanceErrorCodes() throws Exception {
    WebSocketTestClient first = connect("/ws");
    JsonNode invalidJson = first.request("{\"method\": \"SUBSCRIBE\", \"id\": 1");
    assertThat(invalidJson.path("error").path("code").asInt()).isEqualTo(3);
    assertThat(invalidJson.path("error").path("msg").asString()).startsWith("Invalid JSON");

    JsonNode unknownMethod = first.request("{\"method\":\"SUBSCRIBED\",\"params\":[],\"id\":2}");
    assertThat(unknownMethod.path("error").path("code").asInt()).isEqualTo(2);
    assertThat(unknownMethod.path("error").path("msg").asString())
        .startsWith("Invalid request: unknown variant `SUBSCRIBED`, expected one of `SUBSCRIBE`");
    assertThat(unknownMethod.path("id").asLong()).isEqualTo(2);

    JsonNode missingMethod = first.request("{\"params\":[\"simusdt@trade\"],\"id\":3}");
    assertThat(missingMethod.path("error").path("msg").asString())
        .startsWith("Invalid request: missing field `method`");

    WebSocketTestClient second = connect("/ws");
    JsonNode badStream =
        second.request(
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"simusdt@trade\",\"simusdt@depth7\"],\"id\":4}");
    assertThat(badStream.path("error").path("code").asInt()).isEqualTo(2);
    assertThat(badStream.path("error").path("msg").asString()).contains("`simusdt@depth7`");
    assertThat(second.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":5}").path("result"))
        .isEmpty();

    JsonNode badId = second.request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":{\"x\":1}}");
    assertThat(badId.path("error").path("msg").asString())
        .isEqualTo("Invalid request: request ID must be an unsigned integer");

    WebSocketTestClient third = connect("/ws");
    assertThat(
            third
                .request("{\"method\":\"SET_PROPERTY\",\"params\":[\"compressed\",true],\"id\":6}")
                .path("error")
                .path("code")
                .asInt())
        .isZero();
    JsonNode notBoolean =
        third.request("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",\"yes\"],\"id\":7}");
    assertThat(notBoolean.path("error").path("code").asInt()).isEqualTo(1);
    assertThat(notBoolean.path("error").path("msg").asString())
        .isEqualTo("Invalid value type: expected Boolean");
    assertThat(
            third
                .request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"params\":[\"x\"],\"id\":8}")
                .path("error")
                .path("msg")
                .asString())
        .isEqualTo("Invalid request: too many parameters");
  }

  @Test
  void subscribingPastTheStreamLimitIsRefusedAndChangesNothing() throws Exception {
    WebSocketTestClient client = connect("/ws/simusdt@trade");
    String tenMore =
        "\"simusdt@aggTrade\",\"simusdt@bookTicker\",\"simusdt@depth\",\"simusdt@depth@100ms\","
            + "\"simusdt@depth5\",\"simusdt@depth10\",\"simusdt@depth20\",\"simusdt@kline_1m\","
            + "\"simusdt@miniTicker\",\"simusdt@ticker\"";

    JsonNode refused =
        client.request("{\"method\":\"SUBSCRIBE\",\"params\":[" + tenMore + "],\"id\":1}");

    assertThat(refused.path("error").path("code").asInt()).isEqualTo(2);
    assertThat(refused.path("error").path("msg").asString()).contains("at most 10");
    assertThat(
            client
                .request("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}")
                .path("result")
                .valueStream()
                .map(JsonNode::asString))
        .containsExactly("simusdt@trade");
  }

  @Test
  void moreThanFiveMessagesInOneSecondDisconnect() throws Exception {
    WebSocketTestClient client = connect("/ws");

    // The server hangs up after the sixth message, possibly while the client is still sending.
    for (int i = 0; i < 12; i++) {
      if (!client.sendUnlessClosed("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}")) {
        break;
      }
    }

    assertThat(client.awaitClose()).isEqualTo(1008);
  }

  @Test
  void serverSendsPingFrames() throws Exception {
    WebSocketTestClient client = connect("/ws");

    await().atMost(Duration.ofSeconds(10)).until(() -> client.pings() >= 1);
  }

  @Test
  void aClientThatNeverAnswersPingsIsDisconnected() throws Exception {
    // A bare socket: the JDK client always answers pings, this one reads them and stays silent.
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /ws/simusdt@trade HTTP/1.1\r\nHost: localhost:"
                  + port
                  + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      StringBuilder headers = new StringBuilder();
      while (!headers.toString().endsWith("\r\n\r\n")) {
        headers.append((char) in.readUnsignedByte());
      }
      assertThat(headers.toString()).startsWith("HTTP/1.1 101");

      int pings = 0;
      int opcode;
      do {
        opcode = in.readUnsignedByte() & 0x0F;
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        in.skipNBytes(length);
        if (opcode == 0x9) {
          pings++;
        }
      } while (opcode != 0x8);

      assertThat(pings).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void unknownRawStreamClosesTheConnection() throws Exception {
    WebSocketTestClient client = connect("/ws/nosuchsymbol@trade");

    assertThat(client.awaitClose()).isEqualTo(1007);
  }

  private WebSocketTestClient connect(String path) throws Exception {
    WebSocketTestClient client = WebSocketTestClient.connect(port, path);
    clients.add(client);
    return client;
  }

  /** Carol rests a sell, Alice takes it: one trade; returns its id. */
  private long trade(String price, String quantity) {
    carol.signed("POST", "/api/v3/order", limit("SELL", price, quantity));
    return alice
        .signed("POST", "/api/v3/order", limit("BUY", price, quantity))
        .body()
        .path("fills")
        .get(0)
        .path("tradeId")
        .asLong();
  }

  static java.util.Map<String, String> limit(String side, String price, String quantity) {
    return params(
        "symbol",
        "SIMUSDT",
        "side",
        side,
        "type",
        "LIMIT",
        "timeInForce",
        "GTC",
        "price",
        price,
        "quantity",
        quantity);
  }
}
