package io.alphintra.brokersimulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.brokersimulator.BrokerSimulatorApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A simulator of its own, stopped while clients are connected: they hear {@code serverShutdown}.
 */
class ServerShutdownIT {

  @Test
  void streamAndApiConnectionsHearServerShutdownWhenTheSimulatorStops() throws Exception {
    ConfigurableApplicationContext simulator =
        new SpringApplicationBuilder(BrokerSimulatorApplication.class)
            .profiles("it")
            .properties("server.port=0")
            .run();
    int port = ((WebServerApplicationContext) simulator).getWebServer().getPort();
    try (WebSocketTestClient raw = WebSocketTestClient.connect(port, "/ws/simusdt@trade");
        WebSocketTestClient combined = WebSocketTestClient.connect(port, "/stream");
        WebSocketTestClient api = WebSocketTestClient.connect(port, "/ws-api/v3")) {
      raw.awaitSubscribed();
      combined.awaitSubscribed();
      api.send("{\"id\":1,\"method\":\"ping\"}");
      api.next(node -> node.path("status").asInt() == 200);

      simulator.close();

      JsonNode rawEvent = raw.next(node -> node.has("e"));
      assertThat(rawEvent.path("e").asString()).isEqualTo("serverShutdown");
      assertThat(rawEvent.path("E").asLong()).isPositive();
      JsonNode combinedEvent = combined.next(node -> node.has("stream"));
      assertThat(combinedEvent.path("stream").asString()).isEqualTo("!serverShutdown");
      assertThat(combinedEvent.path("data").path("e").asString()).isEqualTo("serverShutdown");
      JsonNode apiEvent = api.next(node -> node.has("event"));
      assertThat(apiEvent.path("event").path("e").asString()).isEqualTo("serverShutdown");
      assertThat(raw.awaitClose()).isEqualTo(1001);
      assertThat(api.awaitClose()).isEqualTo(1001);
    } finally {
      simulator.close();
    }
  }
}
