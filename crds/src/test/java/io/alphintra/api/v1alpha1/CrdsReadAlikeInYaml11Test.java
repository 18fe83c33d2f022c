package io.alphintra.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.JsonScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * kubectl and helm read the committed CRDs with Go's YAML 1.1 parser: every scalar has the type
 * there that it has for the generator (YAML 1.2, JSON schema). Unquoted, the condition status enum
 * {@code [True, False, Unknown]} reached the API server as {@code [true, false, "Unknown"]} when
 * helm installed the chart's CRDs, and every status write of the operator was rejected.
 */
class CrdsReadAlikeInYaml11Test {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  /** YAML 1.1's booleans and nulls beyond the JSON schema's lowercase true, false and null. */
  private static final Pattern YAML11_BOOL =
      Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF");

  private static final Pattern YAML11_NULL = Pattern.compile("~|Null|NULL");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {".", "../helm/alphintra-operator/crds"})
  void everyScalarHasTheSameTypeInYaml11AsInTheJsonSchema(String directory) throws IOException {
    Path dir = MODULE.resolve(directory).normalize();
    List<Path> crds;
    try (Stream<Path> files = Files.list(dir)) {
      crds = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(crds).isNotEmpty();
    for (Path crd : crds) {
      String yaml = Files.readString(crd);

      assertThat(scalars(yaml, new Yaml11ScalarResolver()))
          .as("%s read by YAML 1.1 (kubectl, helm): quote these words", crd)
          .containsExactlyElementsOf(scalars(yaml, new JsonScalarResolver()));
    }
  }

  /** "line: value (tag)" of every scalar, as {@code resolver} types it. */
  private static List<String> scalars(String yaml, ScalarResolver resolver) {
    List<String> out = new ArrayList<>();
    for (Node document :
        new Compose(LoadSettings.builder().setSchema(schema(resolver)).build())
            .composeAllFromString(yaml)) {
      collect(document, out);
    }
    return out;
  }

  private static void collect(Node node, List<String> out) {
    switch (node) {
      case ScalarNode scalar ->
          out.add(
              (scalar.getStartMark().orElseThrow().getLine() + 1)
                  + ": "
                  + scalar.getValue()
                  + " ("
                  + scalar.getTag().getValue()
                  + ")");
      case SequenceNode sequence -> sequence.getValue().forEach(n -> collect(n, out));
      case MappingNode mapping ->
          mapping
              .getValue()
              .forEach(
                  tuple -> {
                    collect(tuple.getKeyNode(), out);
                    collect(tuple.getValueNode(), out);
                  });
      default -> {}
    }
  }

  private static Schema schema(ScalarResolver resolver) {
    return new JsonSchema() {
      @Override
      public ScalarResolver getScalarResolver() {
        return resolver;
      }
    };
  }

  /** The JSON schema's resolution plus YAML 1.1's other spellings of booleans and null. */
  private static final class Yaml11ScalarResolver implements ScalarResolver {
    private final JsonScalarResolver json = new JsonScalarResolver();

    @Override
    public Tag resolve(String value, Boolean implicit) {
      if (implicit && YAML11_BOOL.matcher(value).matches()) {
        return Tag.BOOL;
      }
      if (implicit && YAML11_NULL.matcher(value).matches()) {
        return Tag.NULL;
      }
      return json.resolve(value, implicit);
    }
  }
}
