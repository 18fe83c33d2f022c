package io.alphintra.api.v1alpha1.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.alphintra.api.v1alpha1.Api;
import io.alphintra.api.v1alpha1.schema.CommittedCrds;
import io.alphintra.api.v1alpha1.schema.SchemaViolations;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of updates that the admission integration test replays against a real API server is
 * itself sound: each file is one resource before and after an update, both schema-valid, tied to a
 * transition rule of its kind, and every transition rule has an update it rejects and one it lets
 * through.
 */
class TransitionTableTest {

  private static final Set<String> KINDS =
      Set.of("TradingEnvironment", "Strategy", "BrokerConnection");
  private static final YAMLMapper YAML = new YAMLMapper();

  private static CommittedCrds crds;

  @BeforeAll
  static void loadCrds() {
    crds = CommittedCrds.load(Path.of("").toAbsolutePath());
  }

  static List<TransitionCase> cases() {
    return TransitionCases.load();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isOneNamespaceLessResourceBeforeAndAfterAnUpdateNamedAfterItsFile(TransitionCase c)
      throws IOException {
    JsonNode before = YAML.readTree(c.oldYaml());
    JsonNode after = YAML.readTree(c.newYaml());

    for (JsonNode resource : List.of(before, after)) {
      assertThat(resource.path("apiVersion").asText()).isEqualTo(Api.API_VERSION);
      assertThat(resource.path("kind").asText()).isEqualTo(c.kind()).isIn(KINDS);
      assertThat(resource.path("metadata").path("name").asText()).isEqualTo(c.name());
      assertThat(resource.path("metadata").has("namespace")).isFalse();
    }
    assertThat(after.path("spec"))
        .as("the update changes the spec")
        .isNotEqualTo(before.path("spec"));
    assertThat(c.name()).matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bothResourcesPassTheSchemaSoOnlyTheTransitionIsJudged(TransitionCase c) throws IOException {
    assertThat(SchemaViolations.of(crds.schema(c.kind()), YAML.readTree(c.oldYaml())))
        .as("before")
        .isEmpty();
    assertThat(SchemaViolations.of(crds.schema(c.kind()), YAML.readTree(c.newYaml())))
        .as("after")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesTheMessageOfATransitionRuleOfItsKind(TransitionCase c) {
    assertThat(transitionRules(c.kind()))
        .as(c.name())
        .anyMatch(rule -> rule.getMessage().contains(c.ruleMessage()));
  }

  @Test
  void everyTransitionRuleRejectsAnUpdateAndPassesAnother() {
    assertThat(KINDS.stream().flatMap(kind -> transitionRules(kind).stream()))
        .as("transition rules")
        .isNotEmpty();
    for (String kind : KINDS) {
      for (ValidationRule rule : transitionRules(kind)) {
        assertThat(cases())
            .as("an update of %s rejected by '%s'", kind, rule.getMessage())
            .anyMatch(
                c ->
                    c.kind().equals(kind)
                        && c.rejected()
                        && rule.getMessage().contains(c.ruleMessage()));
        assertThat(cases())
            .as("an update of %s that passes '%s'", kind, rule.getMessage())
            .anyMatch(
                c ->
                    c.kind().equals(kind)
                        && !c.rejected()
                        && rule.getMessage().contains(c.ruleMessage()));
      }
    }
  }

  @Test
  void loaderRejectsAFileWithoutTheVerdictLineOrWithOneDocument() {
    assertThatThrownBy(
            () -> TransitionCases.parse("x.yaml", "kind: Strategy\n---\nkind: Strategy\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.yaml must start with '# rejects:");
    assertThatThrownBy(
            () -> TransitionCases.parse("y.yaml", "# passes: spec.tier\nkind: Strategy\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y.yaml must hold two documents");
  }

  private static List<ValidationRule> transitionRules(String kind) {
    return crds.celRules(kind).stream().filter(CommittedCrds::isTransitionRule).toList();
  }
}
