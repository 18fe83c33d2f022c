package io.alphintra.operator.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.operator.runtime.KeepAliveServer;
import io.alphintra.operator.strategy.model.EnginePhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The engine client against a server that keeps connections alive: every status poll and control
 * call opens a connection of its own, so an engine Service whose pod was replaced, or which was
 * reached before kube-proxy routed it, is read anew on the next call.
 */
class EngineClientTest {
  private static final String STATUS =
      "{\"phase\":\"RUNNING\",\"revision\":\"0123456789abcdef\",\"mode\":\"Paper\",\"realizedPnl\":\"0\","
          + "\"unrealizedPnl\":\"0\",\"positions\":[],\"ordersToday\":0,\"openOrders\":0}";

  @Test
  void everyCallOpensAConnectionOfItsOwn() throws Exception {
    try (KeepAliveServer server = new KeepAliveServer(STATUS);
        EngineClient client = new EngineClient(Duration.ofSeconds(5))) {
      assertThat(client.status(server.url(EngineClient.STATUS)).is(EnginePhase.RUNNING)).isTrue();
      assertThat(client.status(server.url(EngineClient.STATUS)).is(EnginePhase.RUNNING)).isTrue();
      assertThat(client.control(server.url(EngineClient.DRAIN)).is(EnginePhase.RUNNING)).isTrue();

      assertThat(server.connections()).isEqualTo(3);
    }
  }
}
