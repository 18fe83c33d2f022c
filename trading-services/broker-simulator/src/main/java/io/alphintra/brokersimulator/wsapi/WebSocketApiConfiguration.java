package io.alphintra.brokersimulator.wsapi;

import io.alphintra.brokersimulator.account.Ledger;
import io.alphintra.brokersimulator.api.WebSocketApiOperations;
import io.alphintra.brokersimulator.market.ListedSymbols;
import io.alphintra.brokersimulator.stream.ServerShutdownNotice;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import tools.jackson.databind.ObjectMapper;

/** Serves the WebSocket API at {@code /ws-api/v3} and wires its user-data feed to the engines. */
@Configuration(proxyBeanMethods = false)
class WebSocketApiConfiguration {

  // After market data, trade history and market streams (see VenueConfiguration).
  @Bean(destroyMethod = "close")
  @Order(4)
  UserDataStreams userDataStreams(
      Ledger ledger, ListedSymbols listed, ObjectMapper json, Clock clock) {
    return new UserDataStreams(ledger, listed.specs(), json, clock::millis);
  }

  @Bean
  WebSocketApiHandler webSocketApiHandler(
      WebSocketApiOperations api, UserDataStreams userData, ObjectMapper json, Clock clock) {
    return new WebSocketApiHandler(api, userData, json, clock);
  }

  @Bean
  WebSocketConfigurer webSocketApi(WebSocketApiHandler handler) {
    return registry -> registry.addHandler(handler, "/ws-api/v3").setAllowedOriginPatterns("*");
  }

  @Bean
  ServerShutdownNotice webSocketApiShutdownNotice(WebSocketApiHandler handler) {
    return new ServerShutdownNotice(handler::announceShutdown);
  }
}
