package io.alphintra.api.v1alpha1.crdgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.YamlDumpSettingsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Generates the CRDs of the three kinds with the fabric8 CRD generator, descriptions taken from the
 * javadoc. Output files are named {@code <plural>.<group>.yaml}.
 */
public final class CrdGeneration {

  /** The command that regenerates the committed CRDs; tests print it when those are stale. */
  public static final String REFRESH_COMMAND =
      "./mvnw -pl crds -Prefresh-crds process-test-classes";

  /** The custom resource classes, one CRD each. */
  public static final List<Class<? extends HasMetadata>> KINDS =
      List.of(TradingEnvironment.class, Strategy.class, BrokerConnection.class);

  private CrdGeneration() {}

  /** Generated CRD YAML by file name, for the model whose sources live under {@code moduleDir}. */
  public static Map<String, String> generate(Path moduleDir) {
    Path sources = moduleDir.resolve("src/main/java/io/alphintra/api/v1alpha1");
    ModelDocs docs = ModelDocs.read(sources);
    ObjectMapper mapper =
        new ObjectMapper().setAnnotationIntrospector(new JavadocDescriptions(docs));
    try {
      Path out = Files.createTempDirectory("alphintra-crds");
      try {
        new CRDGenerator()
            .inOutputDir(out.toFile())
            .forCRDVersions("v1")
            .withParallelGenerationEnabled(false)
            // Quotes only where YAML needs them, so the files read like any other CRD (kind:
            // CustomResourceDefinition).
            .withObjectMapper(
                mapper,
                new KubernetesSerialization(
                    mapper, false, new YamlDumpSettingsBuilder().setMinimizeQuotes(true).build()))
            .withPostProcessor(new KubectlPresentation(KINDS, docs))
            .customResourceClasses(KINDS)
            .generate();
        Map<String, String> crds = new TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
          for (Path file : files.toList()) {
            String name = file.getFileName().toString().replace("-v1.yml", ".yaml");
            crds.put(name, quoteYaml11Keywords(Files.readString(file)));
          }
        }
        return crds;
      } finally {
        try (Stream<Path> files = Files.walk(out)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CRD generation failed", e);
    }
  }

  /**
   * YAML 1.1 words that YAML 1.2's JSON schema (the generator's, minimal quoting) reads as strings
   * but kubectl and helm (Go's YAML 1.1 parser) read as booleans or null: the enum {@code [True,
   * False, Unknown]} of a condition's status would reach the API server as {@code [true, false,
   * "Unknown"]}. Lowercase {@code true}, {@code false} and {@code null} are the same in both.
   */
  private static final Pattern YAML11_KEYWORD =
      Pattern.compile(
          "y|Y|yes|Yes|YES|n|N|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF|~|Null|NULL");

  /** Double-quotes every plain string scalar of {@code yaml} that YAML 1.1 reads otherwise. */
  static String quoteYaml11Keywords(String yaml) {
    List<ScalarNode> plain = new ArrayList<>();
    for (Node document : new Compose(LoadSettings.builder().build()).composeAllFromString(yaml)) {
      collectYaml11Keywords(document, plain);
    }
    StringBuilder quoted = new StringBuilder(yaml);
    // From the end, so earlier indexes stay valid.
    plain.sort(
        Comparator.comparingInt((ScalarNode n) -> n.getStartMark().orElseThrow().getIndex())
            .reversed());
    for (ScalarNode node : plain) {
      quoted.insert(node.getEndMark().orElseThrow().getIndex(), '"');
      quoted.insert(node.getStartMark().orElseThrow().getIndex(), '"');
    }
    return quoted.toString();
  }

  private static void collectYaml11Keywords(Node node, List<ScalarNode> found) {
    switch (node) {
      case ScalarNode scalar -> {
        if (scalar.getScalarStyle() == ScalarStyle.PLAIN
            && scalar.getTag().equals(Tag.STR)
            && YAML11_KEYWORD.matcher(scalar.getValue()).matches()) {
          found.add(scalar);
        }
      }
      case SequenceNode sequence ->
          sequence.getValue().forEach(n -> collectYaml11Keywords(n, found));
      case MappingNode mapping ->
          mapping
              .getValue()
              .forEach(
                  tuple -> {
                    collectYaml11Keywords(tuple.getKeyNode(), found);
                    collectYaml11Keywords(tuple.getValueNode(), found);
                  });
      default -> {}
    }
  }

  /** Writes the generated CRDs into each directory given: {@code <module dir> <out dir>...}. */
  public static void main(String[] args) throws IOException {
    Map<String, String> crds = generate(Path.of(args[0]));
    for (int i = 1; i < args.length; i++) {
      Path dir = Path.of(args[i]);
      Files.createDirectories(dir);
      for (Map.Entry<String, String> crd : crds.entrySet()) {
        Files.writeString(dir.resolve(crd.getKey()), crd.getValue());
      }
      System.out.println("wrote " + crds.size() + " CRDs to " + dir);
    }
  }
}
