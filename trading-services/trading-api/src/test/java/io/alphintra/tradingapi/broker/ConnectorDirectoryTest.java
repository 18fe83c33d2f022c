package io.alphintra.tradingapi.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorDirectoryTest {

  @TempDir Path dir;

  @Test
  void aChangedFileIsReadAtTheNextLookupWithoutARestart() throws IOException {
    Path file = dir.resolve("connectors.properties");
    Files.writeString(file, "binance-main=http://connector-a:8080\n");
    ConnectorDirectory directory = new ConnectorDirectory(properties(file, Map.of()));
    assertThat(directory.find("binance-main")).contains(URI.create("http://connector-a:8080"));

    Files.writeString(
        file, "binance-main=http://connector-b:8080\nsim-2=http://connector-sim-2:8080\n");

    assertThat(directory.find("binance-main")).contains(URI.create("http://connector-b:8080"));
    assertThat(directory.find("sim-2")).contains(URI.create("http://connector-sim-2:8080"));
  }

  @Test
  void aConnectionRemovedFromTheFileIsGoneAndTheFixedEntriesStillAnswer() throws IOException {
    Path file = dir.resolve("connectors.properties");
    Files.writeString(file, "gone=http://connector-gone:8080\n");
    ConnectorDirectory directory =
        new ConnectorDirectory(properties(file, Map.of("fixed", URI.create("http://fixed:8080"))));
    assertThat(directory.find("gone")).isPresent();

    Files.delete(file);

    assertThat(directory.find("gone")).isEmpty();
    assertThat(directory.find("fixed")).contains(URI.create("http://fixed:8080"));
  }

  private static ConnectorProperties properties(Path file, Map<String, URI> fixed) {
    return new ConnectorProperties(
        fixed,
        file,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30));
  }
}
