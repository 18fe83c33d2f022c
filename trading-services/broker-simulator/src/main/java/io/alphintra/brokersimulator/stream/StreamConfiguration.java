package io.alphintra.brokersimulator.stream;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.ObjectMapper;

/** Serves the market streams at {@code /ws}, {@code /ws/<stream>} and {@code /stream?streams=}. */
@Configuration
@EnableWebSocket
class StreamConfiguration implements WebSocketConfigurer {

  private final MarketStreamHub hub;
  private final ObjectMapper json;
  private final StreamProperties limits;
  private final Clock clock;

  StreamConfiguration(
      MarketStreamHub hub, ObjectMapper json, StreamProperties limits, Clock clock) {
    this.hub = hub;
    this.json = json;
    this.limits = limits;
    this.clock = clock;
    hub.startPings(limits.pingIntervalMillis(), limits.pongTimeoutMillis());
  }

  @Bean
  ServerShutdownNotice serverShutdownNotice() {
    return new ServerShutdownNotice(hub::announceShutdown);
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(new MarketStreamHandler(hub, json, limits, clock), "/ws", "/ws/**", "/stream")
        .setAllowedOriginPatterns("*");
  }
}
