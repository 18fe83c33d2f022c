package io.alphintra.e2e.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one benchmark: an ordered JSON document written to {@code
 * target/bench/<name>.json}.
 */
final class BenchReport {
  /** Failsafe runs in the module directory, so this is {@code e2e/target/bench}. */
  static final Path DIRECTORY = Path.of(System.getProperty("alphintra.bench.dir", "target/bench"));

  private final String name;
  private final Map<String, Object> root = new LinkedHashMap<>();

  BenchReport(String name) {
    this.name = name;
    root.put("benchmark", name);
  }

  BenchReport put(String key, Object value) {
    root.put(key, value instanceof LatencySummary s ? s.toJson() : value);
    return this;
  }

  /** Writes the report and returns where it went. */
  Path write() {
    try {
      Files.createDirectories(DIRECTORY);
      Path file = DIRECTORY.resolve(name + ".json");
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + name, e);
    }
  }
}
