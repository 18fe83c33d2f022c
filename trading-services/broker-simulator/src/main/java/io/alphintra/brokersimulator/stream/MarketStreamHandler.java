package io.alphintra.brokersimulator.stream;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Binance-style market streams: {@code /ws/<stream>} for raw payloads and {@code
 * /stream?streams=<a>/<b>} for combined ones; {@code SUBSCRIBE}/{@code UNSUBSCRIBE} requests add or
 * remove streams on an open connection.
 */
class MarketStreamHandler extends TextWebSocketHandler {

  private static final int SEND_TIME_LIMIT_MILLIS = 5_000;
  private static final int BUFFER_LIMIT_BYTES = 1 << 20;

  private final MarketStreamHub hub;
  private final ObjectMapper json;
  private final Map<String, StreamSubscriber> subscribers = new ConcurrentHashMap<>();

  MarketStreamHandler(MarketStreamHub hub, ObjectMapper json) {
    this.hub = hub;
    this.json = json;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws IOException {
    URI uri = session.getUri();
    boolean combined = uri != null && uri.getPath().endsWith("/stream");
    List<String> requested =
        uri == null
            ? List.of()
            : combined
                ? List.of(
                    Optional.ofNullable(
                            UriComponentsBuilder.fromUri(uri)
                                .build()
                                .getQueryParams()
                                .getFirst("streams"))
                        .orElse("")
                        .split("/"))
                : List.of(uri.getPath().substring(uri.getPath().indexOf("/ws/") + 4).split("/"));
    List<StreamName> streams = parse(requested);
    if (streams == null) {
      session.close(
          CloseStatus.BAD_DATA.withReason(
              "Unknown stream; use <symbol>@trade, <symbol>@depth or <symbol>@depth@100ms"));
      return;
    }
    StreamSubscriber subscriber =
        new StreamSubscriber(
            new ConcurrentWebSocketSessionDecorator(
                session, SEND_TIME_LIMIT_MILLIS, BUFFER_LIMIT_BYTES),
            combined);
    subscribers.put(session.getId(), subscriber);
    streams.forEach(stream -> hub.subscribe(subscriber, stream));
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message)
      throws IOException {
    StreamSubscriber subscriber = subscribers.get(session.getId());
    if (subscriber == null) {
      return;
    }
    JsonNode request = json.readTree(message.getPayload());
    String method = request.path("method").asString();
    List<String> names = new ArrayList<>();
    request.path("params").forEach(param -> names.add(param.asString()));
    List<StreamName> streams = parse(names);
    if (streams == null || !(method.equals("SUBSCRIBE") || method.equals("UNSUBSCRIBE"))) {
      subscriber
          .session()
          .sendMessage(
              new TextMessage(
                  json.writeValueAsString(
                      Map.of(
                          "error",
                              Map.of(
                                  "code",
                                  2,
                                  "msg",
                                  "Invalid request: use SUBSCRIBE or UNSUBSCRIBE with known streams"),
                          "id", request.path("id").asLong()))));
      return;
    }
    if (method.equals("SUBSCRIBE")) {
      streams.forEach(stream -> hub.subscribe(subscriber, stream));
    } else {
      streams.forEach(stream -> hub.unsubscribe(subscriber, stream));
    }
    subscriber
        .session()
        .sendMessage(
            new TextMessage("{\"result\":null,\"id\":" + request.path("id").asLong() + "}"));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    StreamSubscriber subscriber = subscribers.remove(session.getId());
    if (subscriber != null) {
      hub.unsubscribe(subscriber);
    }
  }

  /** Null when any name is not a stream of a listed symbol. */
  private List<StreamName> parse(List<String> names) {
    List<StreamName> streams = new ArrayList<>();
    for (String name : names) {
      Optional<StreamName> stream =
          StreamName.parse(name).filter(parsed -> hub.lists(parsed.symbol()));
      if (stream.isEmpty()) {
        return null;
      }
      streams.add(stream.get());
    }
    return streams.isEmpty() ? null : streams;
  }
}
