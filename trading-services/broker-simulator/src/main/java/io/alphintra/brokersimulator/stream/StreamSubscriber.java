package io.alphintra.brokersimulator.stream;

import org.springframework.web.socket.WebSocketSession;

/**
 * One WebSocket connection; {@code combined} subscribers (the {@code /stream} endpoint) get every
 * payload wrapped as {@code {"stream": name, "data": payload}}.
 */
record StreamSubscriber(WebSocketSession session, boolean combined) {}
