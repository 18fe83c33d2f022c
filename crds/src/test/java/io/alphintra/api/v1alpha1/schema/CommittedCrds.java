package io.alphintra.api.v1alpha1.schema;

import io.alphintra.api.v1alpha1.Api;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CRDs committed at {@code crds/*.yaml}, by kind, with lookups of their schemas by field path.
 *
 * <p>Field paths are written as the API server writes them in errors: {@code
 * spec.services.tradingApi.replicas}, with {@code [0]} (any index) or {@code []} for the items of a
 * list, e.g. {@code spec.simulator.markets[0].symbol}.
 */
public final class CommittedCrds {

  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)((?:\\[\\d*])*)");
  private static final Pattern FIELD_IN_TEXT =
      Pattern.compile("[a-z][A-Za-z0-9]+(?:\\[\\d*])?(?:\\.[a-z][A-Za-z0-9]+(?:\\[\\d*])?)+");

  private final Map<String, CustomResourceDefinition> byKind;

  private CommittedCrds(Map<String, CustomResourceDefinition> byKind) {
    this.byKind = byKind;
  }

  /** Reads every {@code *.yaml} directly inside {@code dir} (the crds module directory). */
  public static CommittedCrds load(Path dir) {
    Map<String, CustomResourceDefinition> byKind = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        CustomResourceDefinition crd =
            Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        byKind.put(crd.getSpec().getNames().getKind(), crd);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the committed CRDs in " + dir, e);
    }
    return new CommittedCrds(byKind);
  }

  /** The CRD of a kind; fails when there is none. */
  public CustomResourceDefinition crd(String kind) {
    CustomResourceDefinition crd = byKind.get(kind);
    if (crd == null) {
      throw new IllegalArgumentException(
          "no committed CRD for kind " + kind + "; kinds: " + byKind.keySet());
    }
    return crd;
  }

  /** The kinds that have a committed CRD. */
  public Set<String> kinds() {
    return byKind.keySet();
  }

  /** The served {@value Api#VERSION} version of a kind's CRD. */
  public CustomResourceDefinitionVersion version(String kind) {
    return crd(kind).getSpec().getVersions().stream()
        .filter(v -> Api.VERSION.equals(v.getName()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(kind + " CRD has no version " + Api.VERSION));
  }

  /** The root OpenAPI schema of a kind. */
  public JSONSchemaProps schema(String kind) {
    return version(kind).getSchema().getOpenAPIV3Schema();
  }

  /** The schema at a field path of a kind, if the path exists. */
  public Optional<JSONSchemaProps> at(String kind, String path) {
    return at(schema(kind), path);
  }

  /** The schema at a field path below {@code root}, if the path exists. */
  public static Optional<JSONSchemaProps> at(JSONSchemaProps root, String path) {
    JSONSchemaProps current = root;
    for (String segment : path.split("\\.")) {
      Matcher m = SEGMENT.matcher(segment);
      if (!m.matches()
          || current.getProperties() == null
          || !current.getProperties().containsKey(m.group(1))) {
        return Optional.empty();
      }
      current = current.getProperties().get(m.group(1));
      int lists = m.group(2).split("\\[", -1).length - 1;
      for (int i = 0; i < lists; i++) {
        if (current.getItems() == null || current.getItems().getSchema() == null) {
          return Optional.empty();
        }
        current = current.getItems().getSchema();
      }
    }
    return Optional.of(current);
  }

  /**
   * Whether {@code field} names a field of the kind: a full path such as {@code
   * spec.database.secretRef} or {@code spec.symbols[0]}, or a path relative to the object a CEL
   * rule sits on, such as {@code autoscaling.maxReplicas}.
   */
  public boolean hasField(String kind, String field) {
    String normalized = field.replaceAll("\\[\\d*]", "[]");
    Set<String> paths = properties(schema(kind)).keySet();
    if (normalized.startsWith("spec.") || normalized.startsWith("status.")) {
      return paths.contains(normalized);
    }
    return paths.stream()
        .anyMatch(path -> path.equals(normalized) || path.endsWith("." + normalized));
  }

  /** Every CEL rule ({@code x-kubernetes-validations}) anywhere in a kind's schema. */
  public List<ValidationRule> celRules(String kind) {
    return properties(schema(kind)).values().stream()
        .map(JSONSchemaProps::getXKubernetesValidations)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .toList();
  }

  /**
   * Whether a CEL rule compares with the stored object ({@code oldSelf}): the API server runs it on
   * updates only.
   */
  public static boolean isTransitionRule(ValidationRule rule) {
    return rule.getRule().contains("oldSelf");
  }

  /**
   * The first dotted field path in a text, e.g. {@code spec.tier} in {@code spec.tier: Required
   * value}.
   */
  public static Optional<String> fieldNamedIn(String text) {
    Matcher m = FIELD_IN_TEXT.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /**
   * Every property below {@code root}, depth first, by path; the items of a list are listed too, as
   * {@code <list path>[]}. Map values ({@code additionalProperties}) are not descended into: their
   * keys are user data.
   */
  public static Map<String, JSONSchemaProps> properties(JSONSchemaProps root) {
    Map<String, JSONSchemaProps> all = new LinkedHashMap<>();
    collect("", root, all);
    return all;
  }

  private static void collect(
      String prefix, JSONSchemaProps schema, Map<String, JSONSchemaProps> into) {
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
        String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
        into.put(path, property.getValue());
        collect(path, property.getValue(), into);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      into.put(prefix + "[]", schema.getItems().getSchema());
      collect(prefix + "[]", schema.getItems().getSchema(), into);
    }
  }
}
