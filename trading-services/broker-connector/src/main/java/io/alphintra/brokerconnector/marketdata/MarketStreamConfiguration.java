package io.alphintra.brokerconnector.marketdata;

import io.alphintra.brokerconnector.venue.BrokerProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the market-data stream at {@code /api/v1/market-data/stream}. */
@Configuration
@EnableWebSocket
class MarketStreamConfiguration implements WebSocketConfigurer {

  private final MarketDataHub hub;
  private final BrokerProperties properties;

  MarketStreamConfiguration(MarketDataHub hub, BrokerProperties properties) {
    this.hub = hub;
    this.properties = properties;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(
            new MarketStreamHandler(hub, properties.symbols()), "/api/v1/market-data/stream")
        .setAllowedOriginPatterns("*");
  }
}
