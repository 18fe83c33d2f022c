package io.alphintra.brokersimulator.wsapi;

import io.alphintra.brokersimulator.account.ApiAccount;
import io.alphintra.brokersimulator.api.ApiException;
import io.alphintra.brokersimulator.api.WebSocketApiOperations;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binance's WebSocket API ({@code /ws-api/v3}): JSON requests {@code {id, method, params}} answered
 * with {@code {id, status, result|error, rateLimits}}. Signed methods are checked exactly as the
 * REST API checks them (parameters sorted by name form the signed payload), and a signature-
 * authenticated user-data subscription streams the account's order and balance events.
 */
class WebSocketApiHandler extends TextWebSocketHandler {

  private static final int SEND_TIME_LIMIT_MILLIS = 5_000;
  private static final int BUFFER_LIMIT_BYTES = 1 << 20;
  private static final int MAX_SUBSCRIPTIONS = 1_000;

  private final WebSocketApiOperations api;
  private final UserDataStreams userData;
  private final ObjectMapper json;
  // Reads decimals exactly as sent: a signed "price": 52000.00 must stay "52000.00".
  private final ObjectMapper requestReader =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private final Clock clock;
  private final Map<String, ApiSession> sessions = new ConcurrentHashMap<>();

  WebSocketApiHandler(
      WebSocketApiOperations api, UserDataStreams userData, ObjectMapper json, Clock clock) {
    this.api = api;
    this.userData = userData;
    this.json = json;
    this.clock = clock;
  }

  /** One connection: its sender and its user-data subscriptions by id. */
  private static final class ApiSession {
    final WebSocketSession session;
    final Map<Integer, UserDataStreams.Subscription> subscriptions = new LinkedHashMap<>();
    int nextSubscriptionId;

    ApiSession(WebSocketSession session) {
      this.session = session;
    }
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    sessions.put(
        session.getId(),
        new ApiSession(
            new ConcurrentWebSocketSessionDecorator(
                session, SEND_TIME_LIMIT_MILLIS, BUFFER_LIMIT_BYTES)));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    ApiSession closed = sessions.remove(session.getId());
    if (closed != null) {
      synchronized (closed) {
        closed.subscriptions.values().forEach(userData::unsubscribe);
      }
    }
  }

  /** Sends {@code {"event":{"e":"serverShutdown"}}} to every connection and closes it (1001). */
  void announceShutdown() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("e", "serverShutdown");
    event.put("E", clock.millis());
    for (ApiSession apiSession : sessions.values()) {
      try {
        respond(apiSession, Map.of("event", event));
        apiSession.session.close(CloseStatus.GOING_AWAY);
      } catch (IOException | RuntimeException e) {
        // Already gone: nothing to announce.
      }
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message)
      throws IOException {
    ApiSession apiSession = sessions.get(session.getId());
    if (apiSession == null) {
      return;
    }
    JsonNode request;
    try {
      request = requestReader.readTree(message.getPayload());
    } catch (JacksonException e) {
      request = null;
    }
    if (request == null || !request.isObject()) {
      respond(apiSession, error(null, 400, -1135, "Invalid JSON Request", null));
      return;
    }
    Object id = requestId(request.get("id"));
    JsonNode paramsNode = request.get("params");
    if (paramsNode != null && !paramsNode.isNull() && !paramsNode.isObject()) {
      respond(
          apiSession,
          error(id, 400, -1135, "Invalid 'params' in JSON request; expected an object.", null));
      return;
    }
    Map<String, String> params = params(paramsNode);
    String method = request.path("method").asString("");
    if (method.startsWith("v3/")) {
      method = method.substring(3);
    }
    int weight = weight(method);
    if (weight == 0) {
      respond(
          apiSession,
          error(
              id,
              400,
              -1020,
              "This operation is not supported: unknown method '"
                  + method
                  + "'; use ping, time, exchangeInfo, order.place, order.status, order.cancel,"
                  + " userDataStream.subscribe.signature, userDataStream.unsubscribe"
                  + " or session.subscriptions",
              null));
      return;
    }
    boolean returnRateLimits = !"false".equals(params.get("returnRateLimits"));
    List<Map<String, Object>> rateLimits = null;
    Integer[] orderCount = {null};
    try {
      int usedWeight = api.chargeWeight(clientIp(session), weight);
      rateLimits = api.rateLimits(usedWeight, null);
      Object result =
          switch (method) {
            case "ping" -> Map.of();
            case "time" -> Map.of("serverTime", clock.millis());
            case "exchangeInfo" -> api.exchangeInfo(params);
            case "order.place" ->
                api.placeOrder(api.authenticate(params), params, count -> orderCount[0] = count);
            case "order.status" -> api.queryOrder(api.authenticate(params), params);
            case "order.cancel" -> api.cancelOrder(api.authenticate(params), params);
            case "userDataStream.subscribe.signature" ->
                subscribe(apiSession, api.authenticate(params));
            case "userDataStream.unsubscribe" -> unsubscribe(apiSession, params);
            case "session.subscriptions" -> subscriptions(apiSession);
            default -> throw new IllegalStateException("weighted but not handled: " + method);
          };
      rateLimits = api.rateLimits(usedWeight, orderCount[0]);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", id);
      body.put("status", 200);
      body.put("result", result);
      if (returnRateLimits) {
        body.put("rateLimits", rateLimits);
      }
      respond(apiSession, body);
    } catch (ApiException failure) {
      respond(
          apiSession,
          error(
              id,
              failure.status().value(),
              failure.code(),
              failure.getMessage(),
              returnRateLimits ? rateLimits : null));
    }
  }

  private Map<String, Object> subscribe(ApiSession apiSession, ApiAccount account) {
    synchronized (apiSession) {
      for (UserDataStreams.Subscription existing : apiSession.subscriptions.values()) {
        if (existing.accountId() == account.ledgerAccountId()) {
          throw WebSocketApiOperations.subscriptionActive();
        }
      }
      if (apiSession.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
        throw WebSocketApiOperations.tooManySubscriptions(MAX_SUBSCRIPTIONS);
      }
      UserDataStreams.Subscription subscription =
          new UserDataStreams.Subscription(
              apiSession.session, apiSession.nextSubscriptionId++, account.ledgerAccountId());
      apiSession.subscriptions.put(subscription.subscriptionId(), subscription);
      userData.subscribe(subscription);
      return Map.of("subscriptionId", subscription.subscriptionId());
    }
  }

  private Map<String, Object> unsubscribe(ApiSession apiSession, Map<String, String> params) {
    synchronized (apiSession) {
      String wanted = params.get("subscriptionId");
      if (wanted == null) {
        apiSession.subscriptions.values().forEach(userData::unsubscribe);
        apiSession.subscriptions.clear();
        return Map.of();
      }
      UserDataStreams.Subscription subscription;
      try {
        subscription = apiSession.subscriptions.remove(Integer.parseInt(wanted));
      } catch (NumberFormatException e) {
        subscription = null;
      }
      if (subscription == null) {
        throw WebSocketApiOperations.subscriptionInactive();
      }
      userData.unsubscribe(subscription);
      return Map.of();
    }
  }

  private List<Map<String, Object>> subscriptions(ApiSession apiSession) {
    synchronized (apiSession) {
      List<Map<String, Object>> out = new ArrayList<>();
      apiSession.subscriptions.keySet().forEach(id -> out.add(Map.of("subscriptionId", id)));
      return out;
    }
  }

  /** Request weights as Binance documents them; 0 for a method the simulator does not offer. */
  private static int weight(String method) {
    return switch (method) {
      case "ping", "time", "order.place", "order.cancel" -> 1;
      case "order.status" -> 4;
      case "exchangeInfo" -> 20;
      case "userDataStream.subscribe.signature",
          "userDataStream.unsubscribe",
          "session.subscriptions" ->
          2;
      default -> 0;
    };
  }

  /** Parameter values as text; numbers keep the digits the client sent, arrays stay JSON. */
  private static Map<String, String> params(JsonNode params) {
    Map<String, String> out = new LinkedHashMap<>();
    if (params == null || params.isNull()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> field : params.properties()) {
      JsonNode value = field.getValue();
      out.put(
          field.getKey(),
          value.isString()
              ? value.asString()
              : value.isNumber() ? value.numberValue().toString() : value.toString());
    }
    return out;
  }

  private static Object requestId(JsonNode id) {
    if (id == null || id.isNull()) {
      return null;
    }
    return id.isIntegralNumber() ? (Object) id.longValue() : id.asString();
  }

  private static String clientIp(WebSocketSession session) {
    InetSocketAddress remote = session.getRemoteAddress();
    return remote == null ? "unknown" : remote.getHostString();
  }

  private static Map<String, Object> error(
      Object id, int status, int code, String msg, List<Map<String, Object>> rateLimits) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("msg", msg);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("status", status);
    body.put("error", error);
    if (rateLimits != null) {
      body.put("rateLimits", rateLimits);
    }
    return body;
  }

  private void respond(ApiSession apiSession, Map<String, Object> body) throws IOException {
    apiSession.session.sendMessage(new TextMessage(json.writeValueAsString(body)));
  }
}
