package io.alphintra.tradingapi.fill;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.tradingapi.fill.ExecutionStreamPositions.Position;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionStreamSubscriberTest {

  @Test
  void resumesFromTheStoredStreamAndSequenceOrFromTheStart() {
    assertThat(
            ExecutionStreamSubscriber.streamUri(
                URI.create("http://connector:8080/"), Optional.of(new Position("s-1", 41))))
        .hasToString("ws://connector:8080/api/v1/executions/stream?stream=s-1&after=41");
    assertThat(
            ExecutionStreamSubscriber.streamUri(
                URI.create("https://connector.example"), Optional.empty()))
        .hasToString("wss://connector.example/api/v1/executions/stream?after=0");
  }
}
