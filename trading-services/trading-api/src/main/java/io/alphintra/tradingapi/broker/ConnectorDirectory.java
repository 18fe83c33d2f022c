package io.alphintra.tradingapi.broker;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The base URL of each BrokerConnection's connector. The mounted file is checked on every lookup
 * (one stat) and re-read when its modification time or size changed, so connections that come, go
 * or move take effect without a restart.
 */
@Component
public class ConnectorDirectory {

  private static final Logger log = LoggerFactory.getLogger(ConnectorDirectory.class);

  private final ConnectorProperties properties;
  private FileTime loadedModified;
  private long loadedSize = -1;
  private Map<String, URI> fromFile = Map.of();

  ConnectorDirectory(ConnectorProperties properties) {
    this.properties = properties;
  }

  /** The connector of {@code connection}, if one is configured. */
  public Optional<URI> find(String connection) {
    URI uri = current().get(connection);
    return Optional.ofNullable(uri != null ? uri : properties.connectors().get(connection));
  }

  /** Every configured connection and its connector; the file's entries win. */
  public Map<String, URI> all() {
    Map<String, URI> all = new HashMap<>(properties.connectors());
    all.putAll(current());
    return Map.copyOf(all);
  }

  private synchronized Map<String, URI> current() {
    if (properties.connectorsFile() == null) {
      return Map.of();
    }
    try {
      FileTime modified = Files.getLastModifiedTime(properties.connectorsFile());
      long size = Files.size(properties.connectorsFile());
      if (!modified.equals(loadedModified) || size != loadedSize) {
        fromFile = read();
        loadedModified = modified;
        loadedSize = size;
        log.info("Connector endpoints from {}: {}", properties.connectorsFile(), fromFile.keySet());
      }
    } catch (NoSuchFileException e) {
      fromFile = Map.of();
      loadedModified = null;
    } catch (IOException | IllegalArgumentException e) {
      log.warn(
          "Cannot read {} ({}); keeping the previous connector endpoints",
          properties.connectorsFile(),
          e.toString());
    }
    return fromFile;
  }

  private Map<String, URI> read() throws IOException {
    Properties entries = new Properties();
    try (Reader reader = Files.newBufferedReader(properties.connectorsFile())) {
      entries.load(reader);
    }
    Map<String, URI> uris = new HashMap<>();
    entries.forEach(
        (name, url) -> uris.put(name.toString().strip(), URI.create(url.toString().strip())));
    return Map.copyOf(uris);
  }
}
