package io.alphintra.api.v1alpha1.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The table of invalid custom resources under {@value #DIRECTORY} on the test classpath: one file
 * per mistake, each starting with {@code # rejects: <text the API server's error message
 * contains>}.
 *
 * <p>Works from the crds module's test classes and from its published test-jar, so the admission
 * integration test of another module can replay the table against a real API server.
 */
public final class AdmissionCases {

  /** Classpath folder of the table. */
  public static final String DIRECTORY = "admission/invalid";

  /** The comment that opens every file of the table. */
  public static final String REJECTS_PREFIX = "# rejects:";

  private static final YAMLMapper YAML = new YAMLMapper();

  private AdmissionCases() {}

  /** Every case of the table, sorted by name. */
  public static List<AdmissionCase> load() {
    List<AdmissionCase> cases = new ArrayList<>();
    yamlFiles(DIRECTORY).forEach((fileName, yaml) -> cases.add(parse(fileName, yaml)));
    return cases;
  }

  /**
   * The {@code *.yaml} files of a classpath folder, by file name in sorted order, from classes or a
   * jar.
   */
  static SortedMap<String, String> yamlFiles(String directory) {
    URL folder = AdmissionCases.class.getClassLoader().getResource(directory);
    if (folder == null) {
      throw new IllegalStateException(directory + " is not on the classpath");
    }
    try {
      URI uri = folder.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.provider().getPath(uri));
        } catch (FileSystemAlreadyExistsException openElsewhere) {
          return read(Path.of(uri));
        }
      }
      return read(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + directory, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unexpected classpath URL " + folder, e);
    }
  }

  /** Reads one file of the table; fails with the file's name when it is malformed. */
  public static AdmissionCase parse(String fileName, String yaml) {
    String name =
        fileName.endsWith(".yaml")
            ? fileName.substring(0, fileName.length() - ".yaml".length())
            : fileName;
    String firstLine = yaml.lines().findFirst().orElse("");
    if (!firstLine.startsWith(REJECTS_PREFIX)
        || firstLine.substring(REJECTS_PREFIX.length()).isBlank()) {
      throw new IllegalArgumentException(
          fileName + " must start with '" + REJECTS_PREFIX + " <expected message>'");
    }
    String expected = firstLine.substring(REJECTS_PREFIX.length()).trim();
    try {
      JsonNode kind = YAML.readTree(yaml).path("kind");
      return new AdmissionCase(name, kind.asText(), expected, yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(fileName + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static SortedMap<String, String> read(Path folder) throws IOException {
    SortedMap<String, String> yamlByName = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
        yamlByName.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return yamlByName;
  }
}
