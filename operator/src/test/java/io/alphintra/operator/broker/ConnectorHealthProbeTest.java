package io.alphintra.operator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.operator.broker.model.ConnectorHealth;
import io.alphintra.operator.runtime.KeepAliveServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The probe's polls against a server that keeps connections alive: each poll opens a connection of
 * its own, so a Service whose backend changed between two polls is read anew.
 */
class ConnectorHealthProbeTest {
  private static final String REPORT =
      "{\"status\":\"UP\",\"reason\":\"CONNECTED\",\"connected\":true,\"authenticated\":true}";

  @Test
  void everyPollOpensAConnectionOfItsOwn() throws Exception {
    try (KeepAliveServer server = new KeepAliveServer(REPORT);
        ConnectorHealthProbe probe = new ConnectorHealthProbe(Duration.ofSeconds(5))) {
      ConnectorHealth first = probe.poll(server.url(ConnectorHealthProbe.PATH));
      ConnectorHealth second = probe.poll(server.url(ConnectorHealthProbe.PATH));

      assertThat(first.connected()).isTrue();
      assertThat(second.connected()).isTrue();
      assertThat(server.connections()).isEqualTo(2);
    }
  }
}
