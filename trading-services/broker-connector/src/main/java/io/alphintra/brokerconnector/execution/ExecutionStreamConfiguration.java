package io.alphintra.brokerconnector.execution;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the execution stream at {@code /api/v1/executions/stream}. */
@Configuration
class ExecutionStreamConfiguration implements WebSocketConfigurer {

  private final ExecutionJournal journal;

  ExecutionStreamConfiguration(ExecutionJournal journal) {
    this.journal = journal;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(new ExecutionStreamHandler(journal), "/api/v1/executions/stream")
        .setAllowedOriginPatterns("*");
  }
}
