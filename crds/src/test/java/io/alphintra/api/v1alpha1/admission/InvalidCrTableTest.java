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
 * The table of invalid resources that the admission integration test replays against a real API
 * server is itself sound: big enough, well-formed, naming fields that exist, and each file holding
 * exactly one mistake.
 */
class InvalidCrTableTest {

  private static final Set<String> KINDS =
      Set.of("TradingEnvironment", "Strategy", "BrokerConnection");

  /**
   * How the API server words errors of the OpenAPI schema; anything else must be a CEL rule's
   * message.
   */
  private static final List<String> SCHEMA_ERROR_WORDING =
      List.of(
          ": Required value",
          ": Unsupported value: ",
          " in body should ",
          " in body must be of type ",
          ": Too many");

  private static final YAMLMapper YAML = new YAMLMapper();

  private static CommittedCrds crds;

  @BeforeAll
  static void loadCrds() {
    crds = CommittedCrds.load(Path.of("").toAbsolutePath());
  }

  static List<AdmissionCase> cases() {
    return AdmissionCases.load();
  }

  @Test
  void holdsAtLeastThirtyCasesCoveringEveryKind() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(cases()).extracting(AdmissionCase::kind).containsAll(KINDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isOneNamespaceLessResourceOfAnAlphintraKindNamedAfterItsFile(AdmissionCase c)
      throws IOException {
    JsonNode resource = YAML.readTree(c.yaml());

    assertThat(c.yaml().lines().findFirst())
        .hasValueSatisfying(line -> assertThat(line).startsWith("# rejects: "));
    assertThat(YAML.readValues(YAML.createParser(c.yaml()), JsonNode.class).readAll())
        .as("documents")
        .hasSize(1);
    assertThat(resource.path("apiVersion").asText()).isEqualTo(Api.API_VERSION);
    assertThat(c.kind()).isIn(KINDS);
    assertThat(resource.path("metadata").path("name").asText()).isEqualTo(c.name());
    assertThat(resource.path("metadata").has("namespace")).isFalse();
    assertThat(c.name()).matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expectedMessageNamesAFieldThatExistsInTheCrdSchema(AdmissionCase c) {
    String field =
        CommittedCrds.fieldNamedIn(c.expectedMessage())
            .orElseThrow(
                () ->
                    new AssertionError(
                        c.name() + ": '" + c.expectedMessage() + "' names no field"));

    assertThat(crds.hasField(c.kind(), field))
        .as("%s: %s is a field of %s", c.name(), field, c.kind())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void holdsExactlyTheOneMistakeItsExpectedMessageDescribes(AdmissionCase c) throws IOException {
    List<String> schemaViolations =
        SchemaViolations.of(crds.schema(c.kind()), YAML.readTree(c.yaml()));

    if (isSchemaError(c.expectedMessage())) {
      assertThat(schemaViolations)
          .as(c.name())
          .singleElement()
          .asString()
          .contains(c.expectedMessage());
    } else {
      // A CEL case: the schema accepts it, and the expected text is the message of one of the
      // kind's rules.
      assertThat(schemaViolations).as(c.name()).isEmpty();
      assertThat(celMessages(c.kind()))
          .as(c.name())
          .anyMatch(message -> message.contains(c.expectedMessage()));
    }
  }

  @Test
  void violatesEveryCelRuleThatRunsOnCreateAtLeastOnce() {
    for (String kind : KINDS) {
      for (String message : celMessages(kind)) {
        assertThat(cases())
            .as("a case of %s breaking the rule '%s'", kind, message)
            .anyMatch(c -> c.kind().equals(kind) && message.contains(c.expectedMessage()));
      }
    }
  }

  @Test
  void loaderRejectsAFileWithoutTheRejectsLine() {
    assertThatThrownBy(() -> AdmissionCases.parse("x.yaml", "kind: Strategy\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.yaml must start with '# rejects:");
  }

  private static boolean isSchemaError(String expected) {
    return SCHEMA_ERROR_WORDING.stream().anyMatch(expected::contains);
  }

  /**
   * Messages of the rules that judge a create; transition rules are the transitions table's
   * (TransitionTableTest).
   */
  private static List<String> celMessages(String kind) {
    return crds.celRules(kind).stream()
        .filter(rule -> !CommittedCrds.isTransitionRule(rule))
        .map(ValidationRule::getMessage)
        .distinct()
        .toList();
  }
}
