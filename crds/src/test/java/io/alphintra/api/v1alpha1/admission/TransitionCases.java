package io.alphintra.api.v1alpha1.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of updates under {@value #DIRECTORY} on the test classpath that the CRDs' transition
 * rules judge: one file per update, holding two documents (the resource as created, then as
 * updated) after a first line that is either {@code # rejects: <text the API server's error message
 * contains>} or {@code # passes: <message of the rule the update stays within>}.
 *
 * <p>Transition rules never run on create, so the invalid-resource table ({@link AdmissionCases})
 * cannot hold these; a passing case per rule shows that the rule does not simply reject every
 * update.
 */
public final class TransitionCases {

  /** Classpath folder of the table. */
  public static final String DIRECTORY = "admission/transitions";

  /** Opens a file whose update the API server must reject. */
  public static final String REJECTS_PREFIX = "# rejects:";

  /** Opens a file whose update the API server must accept. */
  public static final String PASSES_PREFIX = "# passes:";

  private static final YAMLMapper YAML = new YAMLMapper();

  private TransitionCases() {}

  /** Every case of the table, sorted by name. */
  public static List<TransitionCase> load() {
    List<TransitionCase> cases = new ArrayList<>();
    AdmissionCases.yamlFiles(DIRECTORY)
        .forEach((fileName, yaml) -> cases.add(parse(fileName, yaml)));
    return cases;
  }

  /** Reads one file of the table; fails with the file's name when it is malformed. */
  public static TransitionCase parse(String fileName, String yaml) {
    String name =
        fileName.endsWith(".yaml")
            ? fileName.substring(0, fileName.length() - ".yaml".length())
            : fileName;
    String firstLine = yaml.lines().findFirst().orElse("");
    boolean rejected = firstLine.startsWith(REJECTS_PREFIX);
    String prefix = rejected ? REJECTS_PREFIX : PASSES_PREFIX;
    if (!firstLine.startsWith(prefix) || firstLine.substring(prefix.length()).isBlank()) {
      throw new IllegalArgumentException(
          fileName
              + " must start with '"
              + REJECTS_PREFIX
              + " <expected message>' or '"
              + PASSES_PREFIX
              + " <message of the rule it stays within>'");
    }
    List<JsonNode> documents;
    try {
      documents = YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll();
    } catch (IOException e) {
      throw new IllegalArgumentException(fileName + " is not valid YAML: " + e.getMessage(), e);
    }
    if (documents.size() != 2) {
      throw new IllegalArgumentException(
          fileName
              + " must hold two documents, the resource before and after the"
              + " update, separated by '---'; it holds "
              + documents.size());
    }
    try {
      return new TransitionCase(
          name,
          documents.get(0).path("kind").asText(),
          rejected,
          firstLine.substring(prefix.length()).trim(),
          YAML.writeValueAsString(documents.get(0)),
          YAML.writeValueAsString(documents.get(1)));
    } catch (IOException e) {
      throw new IllegalStateException(fileName + " could not be written back as YAML", e);
    }
  }
}
