package io.alphintra.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.alphintra.api.v1alpha1.schema.CommittedCrds;
import io.alphintra.api.v1alpha1.schema.SchemaViolations;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples in crds/examples are valid resources of the model, and the model's defaults match
 * the CRDs.
 */
class ExamplesRoundTripTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path EXAMPLES = MODULE.resolve("examples");
  private static final Path MODEL_SOURCES =
      MODULE.resolve("src/main/java/io/alphintra/api/v1alpha1");

  private static final Map<String, Class<? extends HasMetadata>> MODEL_CLASSES =
      Map.of(
          "TradingEnvironment", TradingEnvironment.class,
          "Strategy", Strategy.class,
          "BrokerConnection", BrokerConnection.class);

  /** Strict: a field the model does not know (a typo, a misplaced block) fails the parse. */
  private static final KubernetesSerialization SERIALIZATION =
      new KubernetesSerialization(
          new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), false);

  private static final YAMLMapper YAML = new YAMLMapper();

  private static CommittedCrds crds;

  @BeforeAll
  static void loadCrds() {
    crds = CommittedCrds.load(MODULE);
  }

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void parsesIntoItsModelClassAndSurvivesARoundTripUnchanged(Path example) throws IOException {
    String yaml = Files.readString(example);
    JsonNode asWritten = YAML.readTree(yaml);
    Class<? extends HasMetadata> modelClass = MODEL_CLASSES.get(asWritten.path("kind").asText());
    assertThat(modelClass).as("kind of %s", example.getFileName()).isNotNull();

    HasMetadata parsed = SERIALIZATION.unmarshal(yaml, modelClass);
    String serialized = SERIALIZATION.asYaml(parsed);
    HasMetadata reparsed = SERIALIZATION.unmarshal(serialized, modelClass);

    assertThat(reparsed).isEqualTo(parsed);
    assertThat(YAML.readTree(serialized))
        .as(
            "%s after YAML -> model -> YAML (a field the model drops or adds shows here)",
            example.getFileName())
        .isEqualTo(asWritten);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void passesTheStructuralChecksOfItsCommittedCrd(Path example) throws IOException {
    JsonNode resource = YAML.readTree(Files.readString(example));
    String kind = resource.path("kind").asText();

    assertThat(resource.path("apiVersion").asText()).isEqualTo(Api.API_VERSION);
    assertThat(SchemaViolations.of(crds.schema(kind), resource))
        .as(example.getFileName().toString())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void isNamespaceLessSoItCanBeAppliedWithDashN(Path example) throws IOException {
    JsonNode metadata = YAML.readTree(Files.readString(example)).path("metadata");

    assertThat(metadata.has("namespace")).as(example.getFileName().toString()).isFalse();
    assertThat(metadata.path("name").asText()).matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
  }

  @Test
  void strategiesAndConnectionsReferenceTheDevEnvironmentAndTheSimulatorConnection()
      throws IOException {
    Map<String, HasMetadata> byName =
        loadAll().stream()
            .collect(
                Collectors.toMap(
                    r -> r.getKind() + "/" + r.getMetadata().getName(), Function.identity()));

    assertThat(byName).containsKeys("TradingEnvironment/dev", "BrokerConnection/simulator");
    assertThat(((TradingEnvironment) byName.get("TradingEnvironment/dev")).getSpec().tier())
        .isEqualTo(Tier.Development);
    assertThat(((BrokerConnection) byName.get("BrokerConnection/simulator")).getSpec().broker())
        .isEqualTo(BrokerType.Simulator);
    for (HasMetadata resource : byName.values()) {
      if (resource instanceof Strategy strategy) {
        assertThat(strategy.getSpec().environmentRef().name())
            .as(strategy.getMetadata().getName())
            .isEqualTo("dev");
        assertThat(strategy.getSpec().brokerConnectionRef().name())
            .as(strategy.getMetadata().getName())
            .isEqualTo("simulator");
      }
      if (resource instanceof BrokerConnection connection) {
        assertThat(connection.getSpec().environmentRef().name())
            .as(connection.getMetadata().getName())
            .isEqualTo("dev");
      }
    }
  }

  @Test
  void coverEveryTierBrokerModeAndStrategyType() throws IOException {
    List<HasMetadata> all = loadAll();

    assertThat(
            all.stream()
                .filter(TradingEnvironment.class::isInstance)
                .map(r -> ((TradingEnvironment) r).getSpec().tier()))
        .containsExactlyInAnyOrder(Tier.values());
    assertThat(
            all.stream()
                .filter(BrokerConnection.class::isInstance)
                .map(r -> ((BrokerConnection) r).getSpec().broker()))
        .containsExactlyInAnyOrder(BrokerType.values());
    List<StrategySpec> strategies =
        all.stream().filter(Strategy.class::isInstance).map(r -> ((Strategy) r).getSpec()).toList();
    assertThat(strategies)
        .extracting(StrategySpec::modeOrDefault)
        .containsExactlyInAnyOrder(TradingMode.values());
    assertThat(strategies)
        .extracting(StrategySpec::type)
        .containsExactlyInAnyOrder(StrategyType.values());
  }

  @Test
  void productionExampleShowsTheOperationsSettings() throws IOException {
    TradingEnvironmentSpec prod =
        load("trading-environment-prod.yaml", TradingEnvironment.class).getSpec();

    assertThat(prod.tier()).isEqualTo(Tier.Production);
    assertThat(prod.database().secretRef()).isNotNull();
    assertThat(prod.database().managed()).isNull();
    assertThat(prod.services().tradingApi().autoscaling().maxReplicas())
        .isGreaterThan(prod.services().tradingApi().autoscaling().minReplicas());
    assertThat(prod.rollout().strategy()).isEqualTo(RolloutStrategy.BlueGreen);
    assertThat(prod.rollout().autoPromotion()).isFalse();
    assertThat(prod.networkPolicy().allowedIngress())
        .singleElement()
        .satisfies(
            source ->
                assertThat(source.namespaceLabels())
                    .containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
    assertThat(prod.monitoring().slo().availabilityPercent()).isEqualTo("99.95");
  }

  @Test
  void defaultsHelpersReturnTheValueThatIsSet() throws IOException {
    TradingEnvironmentSpec prod =
        load("trading-environment-prod.yaml", TradingEnvironment.class).getSpec();
    StrategySpec live = load("strategy-live.yaml", Strategy.class).getSpec();
    BrokerConnectionSpec binance =
        load("broker-connection-binance.yaml", BrokerConnection.class).getSpec();

    assertThat(prod.database().secretRef().urlKeyOrDefault()).isEqualTo("jdbc-url");
    assertThat(live.modeOrDefault()).isEqualTo(TradingMode.Live);
    assertThat(binance.credentialsSecretRef().apiKeyKeyOrDefault()).isEqualTo("apiKey");
    assertThat(
            new TradingEnvironmentSpec(
                    Tier.Development, "1.0.0", null, null, null, null, null, null, true)
                .pausedOrDefault())
        .isTrue();
    assertThat(
            new BrokerConnectionSpec(
                    null, BrokerType.Simulator, null, null, null, null, null, 3, null)
                .replicasOrDefault())
        .isEqualTo(3);
  }

  @Test
  void defaultsHelpersReturnTheDefaultWhenTheFieldIsAbsentInAnExample() throws IOException {
    assertThat(
            load("broker-connection-simulator.yaml", BrokerConnection.class)
                .getSpec()
                .replicasOrDefault())
        .isEqualTo(1);
    assertThat(load("strategy-paper.yaml", Strategy.class).getSpec().suspendOrDefault()).isFalse();
    assertThat(
            load("trading-environment-dev.yaml", TradingEnvironment.class)
                .getSpec()
                .pausedOrDefault())
        .isFalse();
    assertThat(
            load("trading-environment-staging.yaml", TradingEnvironment.class)
                .getSpec()
                .database()
                .secretRef()
                .passwordKeyOrDefault())
        .isEqualTo(DatabaseSecretRef.DEFAULT_PASSWORD_KEY);
  }

  /**
   * Each {@code ...OrDefault()} helper, the CRD field whose default it mirrors, and that default.
   */
  record DefaultsHelper(String helper, String kind, String field, Object expected) {
    @Override
    public String toString() {
      return helper;
    }
  }

  static List<DefaultsHelper> defaultsHelpers() {
    return List.of(
        new DefaultsHelper(
            "TradingEnvironmentSpec#pausedOrDefault", "TradingEnvironment", "spec.paused", false),
        new DefaultsHelper(
            "DatabaseSecretRef#urlKeyOrDefault",
            "TradingEnvironment",
            "spec.database.secretRef.urlKey",
            "url"),
        new DefaultsHelper(
            "DatabaseSecretRef#usernameKeyOrDefault",
            "TradingEnvironment",
            "spec.database.secretRef.usernameKey",
            "username"),
        new DefaultsHelper(
            "DatabaseSecretRef#passwordKeyOrDefault",
            "TradingEnvironment",
            "spec.database.secretRef.passwordKey",
            "password"),
        new DefaultsHelper(
            "ManagedDatabase#storageSizeOrDefault",
            "TradingEnvironment",
            "spec.database.managed.storageSize",
            "1Gi"),
        new DefaultsHelper(
            "StrategySpec#modeOrDefault", "Strategy", "spec.mode", TradingMode.Paper),
        new DefaultsHelper(
            "StrategySpec#candleIntervalOrDefault", "Strategy", "spec.candleInterval", "1m"),
        new DefaultsHelper("StrategySpec#suspendOrDefault", "Strategy", "spec.suspend", false),
        new DefaultsHelper(
            "BrokerConnectionSpec#replicasOrDefault", "BrokerConnection", "spec.replicas", 1),
        new DefaultsHelper(
            "CredentialsSecretRef#apiKeyKeyOrDefault",
            "BrokerConnection",
            "spec.credentialsSecretRef.apiKeyKey",
            "apiKey"),
        new DefaultsHelper(
            "CredentialsSecretRef#secretKeyKeyOrDefault",
            "BrokerConnection",
            "spec.credentialsSecretRef.secretKeyKey",
            "secretKey"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultsHelpers")
  void defaultsHelperReturnsTheDocumentedDefaultWhenTheFieldIsAbsent(DefaultsHelper row)
      throws Exception {
    Object value = invokeOnEmptyRecord(row.helper());

    assertThat(value).isEqualTo(row.expected());
    JSONSchemaProps field = crds.at(row.kind(), row.field()).orElseThrow();
    assertThat(field.getDefault()).as("CRD default of %s.%s", row.kind(), row.field()).isNotNull();
    assertThat(field.getDefault().asText())
        .as("CRD default of %s.%s", row.kind(), row.field())
        .isEqualTo(String.valueOf(row.expected()));
  }

  @Test
  void everyDefaultsHelperOfTheModelIsChecked() throws IOException, ClassNotFoundException {
    Set<String> helpers = new TreeSet<>();
    try (Stream<Path> sources = Files.list(MODEL_SOURCES)) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        String simpleName = source.getFileName().toString().replace(".java", "");
        if (simpleName.equals("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(Api.class.getPackageName() + "." + simpleName);
        Arrays.stream(type.getDeclaredMethods())
            .filter(m -> m.getName().endsWith("OrDefault") && m.getParameterCount() == 0)
            .forEach(m -> helpers.add(simpleName + "#" + m.getName()));
      }
    }

    assertThat(helpers)
        .containsExactlyInAnyOrderElementsOf(
            defaultsHelpers().stream().map(DefaultsHelper::helper).toList());
  }

  private static Object invokeOnEmptyRecord(String helper) throws Exception {
    String[] parts = helper.split("#");
    Class<?> type = Class.forName(Api.class.getPackageName() + "." + parts[0]);
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object empty = type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
    Method method = type.getMethod(parts[1]);
    return method.invoke(empty);
  }

  private static <T extends HasMetadata> T load(String example, Class<T> type) throws IOException {
    return SERIALIZATION.unmarshal(Files.readString(EXAMPLES.resolve(example)), type);
  }

  private static List<HasMetadata> loadAll() throws IOException {
    List<HasMetadata> all = new ArrayList<>();
    for (Path example : examples()) {
      String yaml = Files.readString(example);
      all.add(
          SERIALIZATION.unmarshal(
              yaml, MODEL_CLASSES.get(YAML.readTree(yaml).path("kind").asText())));
    }
    return all;
  }
}
