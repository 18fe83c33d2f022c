package io.alphintra.brokersimulator.stream;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Binance's market stream connections: {@code /ws/<stream>} for raw payloads, {@code
 * /stream?streams=<a>/<b>} for combined ones, either with no stream at all; then {@code SUBSCRIBE},
 * {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS}, {@code SET_PROPERTY} and {@code GET_PROPERTY}
 * with Binance's answers and error codes, its stream limit and its incoming-message limit.
 */
class MarketStreamHandler extends TextWebSocketHandler {

  private static final int SEND_TIME_LIMIT_MILLIS = 5_000;
  private static final int BUFFER_LIMIT_BYTES = 1 << 20;
  private static final String METHODS =
      "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";

  private final MarketStreamHub hub;
  private final ObjectMapper json;
  private final StreamProperties limits;
  private final Clock clock;
  private final Map<String, StreamSubscriber> subscribers = new ConcurrentHashMap<>();

  MarketStreamHandler(
      MarketStreamHub hub, ObjectMapper json, StreamProperties limits, Clock clock) {
    this.hub = hub;
    this.json = json;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws IOException {
    URI uri = session.getUri();
    String path = uri == null ? "/ws" : uri.getPath();
    boolean combined = path.startsWith("/stream");
    List<String> requested = new ArrayList<>();
    if (combined) {
      String streams =
          UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("streams");
      if (streams != null && !streams.isEmpty()) {
        requested.addAll(List.of(streams.split("/")));
      }
    } else if (path.startsWith("/ws/") && path.length() > 4) {
      requested.addAll(List.of(path.substring(4).split("/")));
    }
    List<StreamName> streams = new ArrayList<>();
    for (String name : requested) {
      Optional<StreamName> stream = parse(name);
      if (stream.isEmpty()) {
        session.close(CloseStatus.BAD_DATA.withReason(unknownStream(name)));
        return;
      }
      streams.add(stream.get());
    }
    if (streams.size() > limits.maxStreamsPerConnection()) {
      session.close(CloseStatus.POLICY_VIOLATION.withReason(tooManyStreams()));
      return;
    }
    StreamSubscriber subscriber =
        new StreamSubscriber(
            new ConcurrentWebSocketSessionDecorator(
                session, SEND_TIME_LIMIT_MILLIS, BUFFER_LIMIT_BYTES),
            combined,
            clock.millis());
    subscribers.put(session.getId(), subscriber);
    hub.connect(subscriber);
    streams.forEach(stream -> hub.subscribe(subscriber, stream));
  }

  @Override
  protected void handlePongMessage(WebSocketSession session, PongMessage message)
      throws IOException {
    StreamSubscriber subscriber = subscribers.get(session.getId());
    if (subscriber != null && admit(subscriber)) {
      subscriber.ponged(clock.millis());
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message)
      throws IOException {
    StreamSubscriber subscriber = subscribers.get(session.getId());
    if (subscriber == null || !admit(subscriber)) {
      return;
    }
    String text = message.getPayload();
    JsonNode request;
    try {
      request = json.readTree(text);
    } catch (JacksonException e) {
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      long column = e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
      reply(
          subscriber,
          error(3, "Invalid JSON: expected value at line " + line + " column " + column, null));
      return;
    }
    if (request == null || !request.isObject()) {
      reply(subscriber, error(3, "Invalid JSON: expected value at line 1 column 1", null));
      return;
    }
    JsonNode id = request.get("id");
    if (!validId(id)) {
      reply(subscriber, error(2, "Invalid request: request ID must be an unsigned integer", null));
      return;
    }
    Object requestId =
        id == null || id.isNull() ? null : id.isNumber() ? id.longValue() : id.asString();
    JsonNode method = request.get("method");
    if (method == null || method.isNull()) {
      reply(
          subscriber,
          error(
              2,
              "Invalid request: missing field `method` at line 1 column " + text.length(),
              requestId));
      return;
    }
    JsonNode params = request.path("params");
    switch (method.asString()) {
      case "SUBSCRIBE", "UNSUBSCRIBE" ->
          changeSubscriptions(subscriber, method.asString(), params, requestId);
      case "LIST_SUBSCRIPTIONS" -> {
        if (params.isArray() && !params.isEmpty()) {
          reply(subscriber, error(2, "Invalid request: too many parameters", requestId));
          return;
        }
        reply(
            subscriber,
            result(subscriber.streams().stream().map(StreamName::toString).toList(), requestId));
      }
      case "SET_PROPERTY" -> setProperty(subscriber, params, requestId);
      case "GET_PROPERTY" -> getProperty(subscriber, params, requestId);
      default ->
          reply(
              subscriber,
              error(
                  2,
                  "Invalid request: unknown variant `"
                      + method.asString()
                      + "`, expected one of "
                      + METHODS
                      + " at line 1 column "
                      + (text.indexOf(method.asString()) + method.asString().length() + 1),
                  requestId));
    }
  }

  private void changeSubscriptions(
      StreamSubscriber subscriber, String method, JsonNode params, Object requestId)
      throws IOException {
    if (!params.isArray() || params.isEmpty()) {
      reply(
          subscriber,
          error(2, "Invalid request: params must be a non-empty array of stream names", requestId));
      return;
    }
    List<StreamName> streams = new ArrayList<>();
    for (JsonNode param : params) {
      Optional<StreamName> stream = param.isString() ? parse(param.asString()) : Optional.empty();
      if (stream.isEmpty()) {
        reply(
            subscriber, error(2, "Invalid request: " + unknownStream(param.asString()), requestId));
        return;
      }
      streams.add(stream.get());
    }
    if (method.equals("SUBSCRIBE")) {
      long added =
          streams.stream().distinct().filter(s -> !subscriber.streams().contains(s)).count();
      if (subscriber.streamCount() + added > limits.maxStreamsPerConnection()) {
        reply(subscriber, error(2, "Invalid request: " + tooManyStreams(), requestId));
        return;
      }
      streams.forEach(stream -> hub.subscribe(subscriber, stream));
    } else {
      streams.forEach(stream -> hub.unsubscribe(subscriber, stream));
    }
    reply(subscriber, result(null, requestId));
  }

  private void setProperty(StreamSubscriber subscriber, JsonNode params, Object requestId)
      throws IOException {
    if (!params.isArray() || params.isEmpty() || !params.get(0).isString()) {
      reply(subscriber, error(2, "Invalid request: property name must be a string", requestId));
    } else if (params.size() > 2) {
      reply(subscriber, error(2, "Invalid request: too many parameters", requestId));
    } else if (!params.get(0).asString().equals("combined")) {
      reply(subscriber, error(0, "Unknown property", requestId));
    } else if (params.size() < 2 || !params.get(1).isBoolean()) {
      reply(subscriber, error(1, "Invalid value type: expected Boolean", requestId));
    } else {
      subscriber.combined(params.get(1).asBoolean());
      reply(subscriber, result(null, requestId));
    }
  }

  private void getProperty(StreamSubscriber subscriber, JsonNode params, Object requestId)
      throws IOException {
    if (!params.isArray() || params.isEmpty() || !params.get(0).isString()) {
      reply(subscriber, error(2, "Invalid request: property name must be a string", requestId));
    } else if (params.size() > 1) {
      reply(subscriber, error(2, "Invalid request: too many parameters", requestId));
    } else if (!params.get(0).asString().equals("combined")) {
      reply(subscriber, error(0, "Unknown property", requestId));
    } else {
      reply(subscriber, result(subscriber.combined(), requestId));
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    StreamSubscriber subscriber = subscribers.remove(session.getId());
    if (subscriber != null) {
      hub.disconnect(subscriber);
    }
  }

  /** Counts an incoming frame; past the limit the connection is closed, as Binance does. */
  private boolean admit(StreamSubscriber subscriber) throws IOException {
    if (subscriber.admitIncoming(clock.millis(), limits.maxIncomingMessagesPerSecond())) {
      return true;
    }
    subscriber
        .session()
        .close(
            CloseStatus.POLICY_VIOLATION.withReason(
                "Too many messages; at most "
                    + limits.maxIncomingMessagesPerSecond()
                    + " per second are allowed"));
    return false;
  }

  private Optional<StreamName> parse(String name) {
    return StreamName.parse(name)
        .filter(stream -> stream.symbol() == null || hub.lists(stream.symbol()));
  }

  /** Binance accepts a 64-bit integer, an alphanumeric string of up to 36 characters, or null. */
  private static boolean validId(JsonNode id) {
    return id == null
        || id.isNull()
        || id.isIntegralNumber() && id.canConvertToLong()
        || id.isString() && id.asString().matches("[A-Za-z0-9]{0,36}");
  }

  private String unknownStream(String name) {
    return "unknown stream `"
        + name
        + "`; use <symbol>@trade, @aggTrade, @bookTicker, @depth, @depth@100ms,"
        + " @depth<5|10|20>[@100ms], @kline_<interval>, @miniTicker, @ticker,"
        + " @ticker_<1h|4h|1d>, @avgPrice for a listed symbol, !miniTicker@arr or"
        + " !ticker_<1h|4h|1d>@arr";
  }

  private String tooManyStreams() {
    return "too many streams; a connection may listen to at most "
        + limits.maxStreamsPerConnection();
  }

  private static Map<String, Object> result(Object result, Object requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", result);
    body.put("id", requestId);
    return body;
  }

  private static Map<String, Object> error(int code, String msg, Object requestId) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("msg", msg);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("id", requestId);
    return body;
  }

  private void reply(StreamSubscriber subscriber, Map<String, Object> body) throws IOException {
    subscriber.session().sendMessage(new TextMessage(json.writeValueAsString(body)));
  }
}
