package io.alphintra.brokerconnector.execution;

import io.alphintra.brokerconnector.marketdata.MarketDataSubscriber;
import io.alphintra.brokerconnector.marketdata.QueuedSubscriber;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code ws://host:8080/api/v1/executions/stream?after=<sequence>[&stream=<stream id>]}: the held
 * executions after {@code after}, then every new one as it happens, in sequence order ({@link
 * ExecutionJournal}). A subscriber whose position cannot be served (another stream, or entries no
 * longer held) first gets a {@code gap} message naming what to re-read from REST. Each subscriber
 * has its own send queue; one that cannot keep up (a send over 5 s, or over 32 Mi characters
 * queued) is disconnected and resumes from its last applied sequence, without slowing the others.
 */
class ExecutionStreamHandler extends TextWebSocketHandler {

  private static final Duration SEND_TIME_LIMIT = Duration.ofSeconds(5);
  private static final long QUEUE_LIMIT_CHARS = 32L << 20;

  private static final Executor SENDERS =
      task -> Thread.ofVirtual().name("executions-send").start(task);

  private final ExecutionJournal journal;
  private final Map<String, MarketDataSubscriber> subscribers = new ConcurrentHashMap<>();

  ExecutionStreamHandler(ExecutionJournal journal) {
    this.journal = journal;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws IOException {
    URI uri = session.getUri();
    MultiValueMap<String, String> query =
        uri == null
            ? new LinkedMultiValueMap<>()
            : UriComponentsBuilder.fromUri(uri).build().getQueryParams();
    String afterParam = query.getFirst("after");
    long after;
    try {
      after = afterParam == null || afterParam.isBlank() ? 0 : Long.parseLong(afterParam.trim());
    } catch (NumberFormatException e) {
      session.close(
          CloseStatus.POLICY_VIOLATION.withReason(
              "after=" + afterParam + " is not a sequence number; pass after=0 for all held"));
      return;
    }
    if (after < 0) {
      session.close(
          CloseStatus.POLICY_VIOLATION.withReason(
              "after=" + after + " is negative; pass after=0 for all held"));
      return;
    }
    String stream = query.getFirst("stream");
    QueuedSubscriber subscriber =
        new QueuedSubscriber(
            new SessionSink(session),
            SENDERS,
            QUEUE_LIMIT_CHARS,
            SEND_TIME_LIMIT,
            System::nanoTime);
    subscribers.put(session.getId(), subscriber);
    journal.subscribe(stream == null || stream.isBlank() ? null : stream, after, subscriber);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    MarketDataSubscriber subscriber = subscribers.remove(session.getId());
    if (subscriber != null) {
      journal.unsubscribe(subscriber);
    }
  }

  private record SessionSink(WebSocketSession session) implements QueuedSubscriber.Sink {
    @Override
    public void send(String json) throws IOException {
      session.sendMessage(new TextMessage(json));
    }

    @Override
    public boolean isOpen() {
      return session.isOpen();
    }

    @Override
    public void closeTooSlow() {
      try {
        session.close(CloseStatus.SESSION_NOT_RELIABLE);
      } catch (IOException | RuntimeException ignored) {
        // already gone
      }
    }
  }
}
