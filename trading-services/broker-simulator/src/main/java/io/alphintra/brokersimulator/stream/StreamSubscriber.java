package io.alphintra.brokersimulator.stream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.socket.WebSocketSession;

/**
 * One market-stream connection: its streams in subscription order, whether payloads are wrapped as
 * {@code {"stream": name, "data": payload}} ({@code /stream}, or {@code SET_PROPERTY combined}),
 * and its incoming-message budget.
 */
final class StreamSubscriber {

  private final WebSocketSession session;
  private final Set<StreamName> streams = new LinkedHashSet<>();
  private volatile boolean combined;
  private volatile long lastPongMillis;
  private long windowStartMillis;
  private int messagesInWindow;

  StreamSubscriber(WebSocketSession session, boolean combined, long connectedMillis) {
    this.session = session;
    this.combined = combined;
    this.lastPongMillis = connectedMillis;
  }

  void ponged(long nowMillis) {
    lastPongMillis = nowMillis;
  }

  long lastPongMillis() {
    return lastPongMillis;
  }

  WebSocketSession session() {
    return session;
  }

  boolean combined() {
    return combined;
  }

  void combined(boolean combined) {
    this.combined = combined;
  }

  synchronized boolean add(StreamName stream) {
    return streams.add(stream);
  }

  synchronized boolean remove(StreamName stream) {
    return streams.remove(stream);
  }

  synchronized List<StreamName> streams() {
    return new ArrayList<>(streams);
  }

  synchronized int streamCount() {
    return streams.size();
  }

  /** Counts one incoming message; false once more than {@code perSecond} came this second. */
  synchronized boolean admitIncoming(long nowMillis, int perSecond) {
    long window = nowMillis - nowMillis % 1000;
    if (window != windowStartMillis) {
      windowStartMillis = window;
      messagesInWindow = 0;
    }
    return ++messagesInWindow <= perSecond;
  }
}
