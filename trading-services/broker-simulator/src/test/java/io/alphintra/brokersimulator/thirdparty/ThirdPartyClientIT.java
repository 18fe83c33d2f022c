package io.alphintra.brokersimulator.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.WebSocketStreamClientImpl;
import com.binance.connector.client.impl.websocketapi.WebSocketApiGeneral;
import com.binance.connector.client.impl.websocketapi.WebSocketApiTrade;
import com.binance.connector.client.utils.RequestBuilder;
import com.binance.connector.client.utils.WebSocketConnection;
import com.binance.connector.client.utils.httpclient.WebSocketApiHttpClientSingleton;
import com.binance.connector.client.utils.signaturegenerator.HmacSignatureGenerator;
import com.binance.connector.client.utils.websocketapi.WebSocketApiRequestHandler;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Binance's own Java connector (io.github.binance:binance-connector-java), pointed at the running
 * simulator with nothing but its base URLs changed, reads market data, trades, reads its order
 * history and account, follows a market stream, and trades and receives user data over the
 * WebSocket API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class ThirdPartyClientIT {

  private static final String SYMBOL = "BTCUSDT";

  @LocalServerPort int port;

  private SpotClientImpl client;
  private WebSocketStreamClientImpl streams;
  private final List<Integer> connections = new ArrayList<>();
  private final List<Runnable> closers = new ArrayList<>();

  @BeforeEach
  void connect() {
    client = new SpotClientImpl("thirdparty-key", "thirdparty-secret", "http://localhost:" + port);
    streams = new WebSocketStreamClientImpl("ws://localhost:" + port);
  }

  @AfterEach
  void disconnect() {
    // closeAllConnections() would also shut down the connector's shared OkHttp dispatcher.
    connections.forEach(streams::closeConnection);
    closers.forEach(Runnable::run);
  }

  @Test
  void readsMarketData() {
    var market = client.createMarket();

    JSONObject info = new JSONObject(market.exchangeInfo(params("symbol", SYMBOL)));
    JSONObject symbol = info.getJSONArray("symbols").getJSONObject(0);
    assertThat(symbol.getString("symbol")).isEqualTo(SYMBOL);
    assertThat(symbol.getJSONArray("filters").length()).isPositive();

    JSONObject depth = new JSONObject(market.depth(params("symbol", SYMBOL, "limit", 5)));
    assertThat(depth.getJSONArray("bids").length()).isPositive();
    assertThat(depth.getJSONArray("asks").length()).isPositive();
    assertThat(price(depth.getJSONArray("bids").getJSONArray(0).getString(0)))
        .isLessThan(price(depth.getJSONArray("asks").getJSONArray(0).getString(0)));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> new JSONArray(market.trades(params("symbol", SYMBOL))).length() > 0);
    JSONObject trade = new JSONArray(market.trades(params("symbol", SYMBOL))).getJSONObject(0);
    assertThat(price(trade.getString("price"))).isPositive();

    JSONArray klines =
        new JSONArray(market.klines(params("symbol", SYMBOL, "interval", "1m", "limit", 10)));
    assertThat(klines.length()).isPositive();
    JSONArray candle = klines.getJSONArray(0);
    assertThat(price(candle.getString(2))).isGreaterThanOrEqualTo(price(candle.getString(3)));

    JSONObject ticker = new JSONObject(market.ticker24H(params("symbol", SYMBOL)));
    assertThat(ticker.getString("symbol")).isEqualTo(SYMBOL);
    assertThat(price(ticker.getString("lastPrice"))).isPositive();

    assertThat(new JSONArray(market.uiKlines(params("symbol", SYMBOL, "interval", "1m"))).length())
        .isPositive();
    assertThat(new JSONArray(market.aggTrades(params("symbol", SYMBOL))).length()).isPositive();
    assertThat(
            price(new JSONObject(market.averagePrice(params("symbol", SYMBOL))).getString("price")))
        .isPositive();
    assertThat(
            price(new JSONObject(market.tickerSymbol(params("symbol", SYMBOL))).getString("price")))
        .isPositive();
    JSONObject book = new JSONObject(market.bookTicker(params("symbol", SYMBOL)));
    assertThat(price(book.getString("bidPrice"))).isLessThan(price(book.getString("askPrice")));
    JSONObject rolling =
        new JSONObject(market.ticker(params("symbol", SYMBOL, "windowSize", "1h")));
    assertThat(rolling.getString("symbol")).isEqualTo(SYMBOL);
  }

  @Test
  void placesQueriesAndCancelsOrdersAndReadsHistory() {
    var trade = client.createTrade();

    JSONObject test =
        new JSONObject(
            trade.testNewOrder(
                params(
                    "symbol", SYMBOL,
                    "side", "BUY",
                    "type", "MARKET",
                    "quantity", "0.001",
                    "computeCommissionRates", true)));
    assertThat(test.getJSONObject("standardCommissionForOrder").getString("maker")).isNotEmpty();
    JSONObject commission = new JSONObject(trade.commission(params("symbol", SYMBOL)));
    assertThat(commission.getString("symbol")).isEqualTo(SYMBOL);

    JSONObject limit =
        new JSONObject(
            trade.newOrder(
                params(
                    "symbol", SYMBOL,
                    "side", "BUY",
                    "type", "LIMIT",
                    "timeInForce", "GTC",
                    "quantity", "0.001",
                    "price", "30000.00")));
    long limitId = limit.getLong("orderId");
    assertThat(limit.getString("status")).isEqualTo("NEW");

    JSONObject queried =
        new JSONObject(trade.getOrder(params("symbol", SYMBOL, "orderId", limitId)));
    assertThat(queried.getString("status")).isEqualTo("NEW");
    assertThat(queried.getString("type")).isEqualTo("LIMIT");

    JSONObject cancelled =
        new JSONObject(trade.cancelOrder(params("symbol", SYMBOL, "orderId", limitId)));
    assertThat(cancelled.getString("status")).isEqualTo("CANCELED");

    JSONObject market =
        new JSONObject(
            trade.newOrder(
                params(
                    "symbol", SYMBOL,
                    "side", "BUY",
                    "type", "MARKET",
                    "quantity", "0.001",
                    "newOrderRespType", "FULL")));
    long marketId = market.getLong("orderId");
    assertThat(market.getString("status")).isEqualTo("FILLED");
    assertThat(market.getJSONArray("fills").length()).isPositive();

    JSONArray allOrders = new JSONArray(trade.getOrders(params("symbol", SYMBOL)));
    assertThat(ids(allOrders, "orderId")).contains(limitId, marketId);

    JSONArray myTrades = new JSONArray(trade.myTrades(params("symbol", SYMBOL)));
    assertThat(ids(myTrades, "orderId")).contains(marketId);

    JSONObject account = new JSONObject(trade.account(params()));
    assertThat(account.getJSONArray("balances").length()).isPositive();
  }

  @Test
  void followsAMarketStream() {
    var trades = new CopyOnWriteArrayList<JSONObject>();
    connections.add(
        streams.tradeStream(SYMBOL.toLowerCase(), message -> trades.add(new JSONObject(message))));

    var combined = new CopyOnWriteArrayList<JSONObject>();
    String stream = SYMBOL.toLowerCase();
    connections.add(
        streams.combineStreams(
            new ArrayList<>(List.of(stream + "@kline_1m", stream + "@bookTicker")),
            message -> combined.add(new JSONObject(message))));

    await().atMost(Duration.ofSeconds(20)).until(() -> !trades.isEmpty());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                combined.stream()
                    .map(message -> message.getString("stream"))
                    .collect(Collectors.toSet())
                    .containsAll(List.of(stream + "@kline_1m", stream + "@bookTicker")));
    JSONObject event = trades.get(0);
    assertThat(event.getString("e")).isEqualTo("trade");
    assertThat(event.getString("s")).isEqualTo(SYMBOL);
    assertThat(price(event.getString("p"))).isPositive();
  }

  @Test
  void answersOverTheWebSocketApi() {
    var messages = new CopyOnWriteArrayList<JSONObject>();
    WebSocketApiRequestHandler requests = connectWebSocketApi(messages);
    var general = new WebSocketApiGeneral(requests);
    var trade = new WebSocketApiTrade(requests);

    general.ping(new JSONObject().put("requestId", "ping"));
    general.serverTime(new JSONObject().put("requestId", "time"));
    trade.newOrder(
        SYMBOL,
        "BUY",
        "LIMIT",
        new JSONObject()
            .put("requestId", "place")
            .put("timeInForce", "GTC")
            .put("quantity", "0.001")
            .put("price", "30000.00"));

    JSONObject placed = awaitResponse(messages, "place");
    assertThat(awaitResponse(messages, "ping").getInt("status")).isEqualTo(200);
    assertThat(awaitResponse(messages, "time").getJSONObject("result").getLong("serverTime"))
        .isPositive();
    long orderId = placed.getJSONObject("result").getLong("orderId");

    trade.getOrder(SYMBOL, new JSONObject().put("requestId", "status").put("orderId", orderId));
    assertThat(awaitResponse(messages, "status").getJSONObject("result").getString("status"))
        .isEqualTo("NEW");
    trade.cancelOrder(SYMBOL, new JSONObject().put("requestId", "cancel").put("orderId", orderId));
    assertThat(awaitResponse(messages, "cancel").getJSONObject("result").getString("status"))
        .isEqualTo("CANCELED");
  }

  /**
   * Connector 3.4.1 (the newest in the repository) predates {@code
   * userDataStream.subscribe.signature}: its user-data module only knows the retired listenKey
   * calls. Its generic signed WebSocket API request (the one all its modules send through) carries
   * the subscription; the events then arrive on the same connection.
   */
  @Test
  void receivesUserDataOverTheWebSocketApi() {
    var messages = new CopyOnWriteArrayList<JSONObject>();
    WebSocketApiRequestHandler requests = connectWebSocketApi(messages);

    requests.signedRequest(
        "userDataStream.subscribe.signature", new JSONObject().put("requestId", "subscribe"));
    JSONObject subscribed = awaitResponse(messages, "subscribe");
    assertThat(subscribed.getInt("status")).isEqualTo(200);

    new WebSocketApiTrade(requests)
        .newOrder(
            SYMBOL,
            "BUY",
            "MARKET",
            new JSONObject().put("requestId", "buy").put("quantity", "0.001"));
    long orderId = awaitResponse(messages, "buy").getJSONObject("result").getLong("orderId");

    JSONObject filled =
        awaitEvent(
            messages,
            event ->
                event.getString("e").equals("executionReport")
                    && event.getLong("i") == orderId
                    && event.getString("X").equals("FILLED"));
    assertThat(filled.getString("s")).isEqualTo(SYMBOL);
    assertThat(price(filled.getString("L"))).isPositive();
    JSONObject position =
        awaitEvent(messages, event -> event.getString("e").equals("outboundAccountPosition"));
    assertThat(position.getJSONArray("B").length()).isPositive();
  }

  /**
   * The connector's own WebSocket API connection and request handler, as WebSocketApiClientImpl
   * builds them; that class is not used because its close() also shuts down the connector's
   * process-wide OkHttp dispatcher, which would leave the other tests without a client.
   */
  private WebSocketApiRequestHandler connectWebSocketApi(List<JSONObject> messages) {
    var connection =
        new WebSocketConnection(
            ignored -> {},
            message -> messages.add(new JSONObject(message)),
            (code, reason) -> {},
            (code, reason) -> {},
            (failure, response) -> {},
            RequestBuilder.buildWebSocketRequest("ws://localhost:" + port + "/ws-api/v3"),
            WebSocketApiHttpClientSingleton.getHttpClient());
    connection.connect();
    closers.add(connection::close);
    return new WebSocketApiRequestHandler(
        connection, "thirdparty-key", new HmacSignatureGenerator("thirdparty-secret"));
  }

  private static JSONObject awaitResponse(List<JSONObject> messages, String id) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                messages.stream()
                    .filter(message -> id.equals(message.optString("id")))
                    .findFirst()
                    .orElse(null),
            response -> response != null);
  }

  private static JSONObject awaitEvent(List<JSONObject> messages, Predicate<JSONObject> matches) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                messages.stream()
                    .map(message -> message.optJSONObject("event"))
                    .filter(event -> event != null && matches.test(event))
                    .findFirst()
                    .orElse(null),
            event -> event != null);
  }

  private static BigDecimal price(String value) {
    return new BigDecimal(value);
  }

  private static List<Long> ids(JSONArray rows, String field) {
    var ids = new ArrayList<Long>();
    for (int i = 0; i < rows.length(); i++) {
      ids.add(rows.getJSONObject(i).getLong(field));
    }
    return ids;
  }

  private static Map<String, Object> params(Object... keysAndValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      params.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return params;
  }
}
