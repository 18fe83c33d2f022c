package io.alphintra.brokersimulator.stream;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.ObjectMapper;

/** Serves the market streams at {@code /ws/<stream>} and {@code /stream?streams=...}. */
@Configuration
@EnableWebSocket
class StreamConfiguration implements WebSocketConfigurer {

  private final MarketStreamHub hub;
  private final ObjectMapper json;

  StreamConfiguration(MarketStreamHub hub, ObjectMapper json) {
    this.hub = hub;
    this.json = json;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(new MarketStreamHandler(hub, json), "/ws/**", "/stream")
        .setAllowedOriginPatterns("*");
  }
}
