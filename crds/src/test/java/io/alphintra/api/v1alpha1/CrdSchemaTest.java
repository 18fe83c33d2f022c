package io.alphintra.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.schema.CommittedCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs carry every validation the API promises: names, printer columns, enums,
 * required fields, bounds and CEL rules whose messages name the field, plus a description on every
 * property (patterns are in {@link CrdPatternTest}). Each table below is also checked to be
 * complete, so a new validation in the model cannot go unlisted.
 */
class CrdSchemaTest {

  private static CommittedCrds crds;

  @BeforeAll
  static void loadCrds() {
    crds = CommittedCrds.load(Path.of("").toAbsolutePath());
  }

  // ---- names
  // -----------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "TradingEnvironment, tradingenvironments, tradingenvironment, te",
    "Strategy,           strategies,          strategy,           strat",
    "BrokerConnection,   brokerconnections,   brokerconnection,   bc"
  })
  void isANamespacedKindInTheAlphintraCategoryWithShortNameAndStatusSubresource(
      String kind, String plural, String singular, String shortName) {
    CustomResourceDefinition crd = crds.crd(kind);

    assertThat(crd.getMetadata().getName()).isEqualTo(plural + "." + Api.GROUP);
    assertThat(crd.getSpec().getGroup()).isEqualTo(Api.GROUP);
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo(kind);
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(plural);
    assertThat(crd.getSpec().getNames().getSingular()).isEqualTo(singular);
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly(shortName);
    assertThat(crd.getSpec().getNames().getCategories()).containsExactly(Api.CATEGORY);
    assertThat(crd.getSpec().getVersions())
        .singleElement()
        .satisfies(
            version -> {
              assertThat(version.getName()).isEqualTo(Api.VERSION);
              assertThat(version.getServed()).isTrue();
              assertThat(version.getStorage()).isTrue();
              assertThat(version.getSubresources().getStatus()).isNotNull();
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TradingEnvironment | Tier:.spec.tier:string, Version:.spec.version:string, Active:.status.activeColor:string,"
            + " Phase:.status.phase:string, Age:.metadata.creationTimestamp:date",
        "Strategy | Type:.spec.type:string, Mode:.spec.mode:string, Phase:.status.phase:string,"
            + " PnL:.status.pnl.total:string, Age:.metadata.creationTimestamp:date",
        "BrokerConnection | Broker:.spec.broker:string, Connected:.status.conditions[?(@.type==\"Connected\")].status:string,"
            + " Latency:.status.latencyMillis:integer, Age:.metadata.creationTimestamp:date"
      })
  void printerColumnsAppearInDeclarationOrderWithAgeLast(String kind, String columns) {
    List<String> actual =
        crds.version(kind).getAdditionalPrinterColumns().stream()
            .map(c -> c.getName() + ":" + c.getJsonPath() + ":" + c.getType())
            .toList();

    assertThat(actual)
        .containsExactly(
            Arrays.stream(columns.split(",")).map(String::trim).toArray(String[]::new));
    assertThat(crds.version(kind).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getPriority)
        .containsOnly(0);
  }

  // ---- enums
  // -----------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TradingEnvironment | spec.tier                   | Tier",
        "TradingEnvironment | spec.rollout.strategy       | RolloutStrategy",
        "TradingEnvironment | status.phase                | EnvironmentPhase",
        "TradingEnvironment | status.activeColor          | Color",
        "TradingEnvironment | status.conditions[].status  | ConditionStatus",
        "TradingEnvironment | status.services[].color     | Color",
        "TradingEnvironment | status.rollout.phase        | RolloutPhase",
        "TradingEnvironment | status.rollout.fromColor    | Color",
        "TradingEnvironment | status.rollout.toColor      | Color",
        "TradingEnvironment | status.history[].outcome    | RolloutOutcome",
        "Strategy           | spec.type                   | StrategyType",
        "Strategy           | spec.mode                   | TradingMode",
        "Strategy           | status.phase                | StrategyPhase",
        "Strategy           | status.conditions[].status  | ConditionStatus",
        "BrokerConnection   | spec.broker                 | BrokerType",
        "BrokerConnection   | status.conditions[].status  | ConditionStatus"
      })
  void enumAllowsExactlyTheConstantsOfTheModel(String kind, String field, String enumClass)
      throws Exception {
    Object[] constants =
        Class.forName(Api.class.getPackageName() + "." + enumClass).getEnumConstants();

    assertThat(field(kind, field).getEnum())
        .extracting(node -> node.asText())
        .containsExactlyInAnyOrder(
            Arrays.stream(constants).map(String::valueOf).toArray(String[]::new));
  }

  // ---- required
  // --------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TradingEnvironment | spec                                | tier, version",
        "TradingEnvironment | spec.database.secretRef             | name",
        "TradingEnvironment | status.conditions[]                 | status, type",
        "Strategy           | spec                                | brokerConnectionRef, capital, environmentRef, symbols, type",
        "Strategy           | spec.environmentRef                 | name",
        "Strategy           | spec.brokerConnectionRef            | name",
        "Strategy           | spec.smaCrossover                   | fastPeriod, orderQuantity, slowPeriod",
        "Strategy           | spec.meanReversion                  | entryZScore, exitZScore, lookbackPeriod, orderQuantity",
        "Strategy           | spec.risk                           | maxDailyLoss, maxOrderNotional, maxPositionNotional",
        "Strategy           | status.conditions[]                 | status, type",
        "BrokerConnection   | spec                                | broker, environmentRef",
        "BrokerConnection   | spec.environmentRef                 | name",
        "BrokerConnection   | spec.credentialsSecretRef           | name",
        "BrokerConnection   | spec.simulator.markets[]            | startPrice, symbol",
        "BrokerConnection   | status.conditions[]                 | status, type"
      })
  void requiresExactlyTheseFields(String kind, String object, String fields) {
    assertThat(field(kind, object).getRequired())
        .containsExactlyInAnyOrder(
            Arrays.stream(fields.split(",")).map(String::trim).toArray(String[]::new));
  }

  // ---- bounds
  // ----------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1} in [{2}, {3}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "TradingEnvironment | spec.services.authService.replicas                              | 0  | 100",
        "TradingEnvironment | spec.services.tradingApi.replicas                               | 0  | 100",
        "TradingEnvironment | spec.services.authService.autoscaling.minReplicas               | 1  | 1000",
        "TradingEnvironment | spec.services.authService.autoscaling.maxReplicas               | 1  | 1000",
        "TradingEnvironment | spec.services.authService.autoscaling.targetCpuUtilizationPercent    | 1 | 100",
        "TradingEnvironment | spec.services.authService.autoscaling.targetMemoryUtilizationPercent | 1 | 100",
        "TradingEnvironment | spec.services.authService.autoscaling.requestsPerSecondPerPod   | 1  | 1000000",
        "TradingEnvironment | spec.services.tradingApi.autoscaling.minReplicas                | 1  | 1000",
        "TradingEnvironment | spec.services.tradingApi.autoscaling.maxReplicas                | 1  | 1000",
        "TradingEnvironment | spec.services.tradingApi.autoscaling.targetCpuUtilizationPercent     | 1 | 100",
        "TradingEnvironment | spec.services.tradingApi.autoscaling.targetMemoryUtilizationPercent  | 1 | 100",
        "TradingEnvironment | spec.services.tradingApi.autoscaling.requestsPerSecondPerPod    | 1  | 1000000",
        "TradingEnvironment | spec.rollout.stabilizationSeconds                               | 0  | 3600",
        "TradingEnvironment | spec.rollout.scaleDownDelaySeconds                              | 0  | 86400",
        "TradingEnvironment | spec.rollout.progressDeadlineSeconds                            | 30 | 7200",
        "TradingEnvironment | spec.rollout.maxStartingPods                                    | 1  | 1000",
        "TradingEnvironment | spec.rollout.prePromotion.intervalSeconds                       | 1  | 300",
        "TradingEnvironment | spec.rollout.prePromotion.timeoutSeconds                        | 1  | 60",
        "TradingEnvironment | spec.rollout.prePromotion.successThreshold                      | 1  | 100",
        "TradingEnvironment | spec.rollout.postPromotion.windowSeconds                        | 0  | 86400",
        "TradingEnvironment | spec.rollout.postPromotion.intervalSeconds                      | 1  | 300",
        "TradingEnvironment | spec.rollout.postPromotion.failureThreshold                     | 1  | 100",
        "TradingEnvironment | spec.monitoring.slo.latencyP99Milliseconds                      | 1  | 60000",
        "Strategy           | spec.smaCrossover.fastPeriod                                    | 2  | 500",
        "Strategy           | spec.smaCrossover.slowPeriod                                    | 3  | 2000",
        "Strategy           | spec.meanReversion.lookbackPeriod                               | 5  | 5000",
        "Strategy           | spec.risk.maxOrdersPerMinute                                    | 1  | 6000",
        // At most 1, by a CEL rule whose message says why (one writer per account).
        "BrokerConnection   | spec.replicas                                                   | 0  |",
        "BrokerConnection   | spec.rateLimits.requestWeightPerMinute                          | 1  | 1000000",
        "BrokerConnection   | spec.rateLimits.ordersPer10Seconds                              | 1  | 100000",
        "BrokerConnection   | spec.simulator.latencyMillis                                    | 0  | 60000"
      })
  void boundsTheIntegerField(String kind, String field, Double minimum, Double maximum) {
    JSONSchemaProps schema = field(kind, field);

    assertThat(schema.getType()).isEqualTo("integer");
    assertThat(schema.getMinimum()).isEqualTo(minimum);
    assertThat(schema.getMaximum()).isEqualTo(maximum);
  }

  @ParameterizedTest(name = "{0} {1} has {2}..{3} items")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "TradingEnvironment | spec.networkPolicy.allowedIngress | -  | 32",
        "Strategy           | spec.symbols                      | 1  | 20",
        "BrokerConnection   | spec.symbols                      | -  | 50",
        "BrokerConnection   | spec.simulator.markets            | 1  | 20"
      })
  void boundsTheListLength(String kind, String field, Long minItems, Long maxItems) {
    JSONSchemaProps schema = field(kind, field);

    assertThat(schema.getType()).isEqualTo("array");
    assertThat(schema.getMinItems()).isEqualTo(minItems);
    assertThat(schema.getMaxItems()).isEqualTo(maxItems);
  }

  // ---- CEL rules
  // -------------------------------------------------------------------------------------------

  /**
   * A CEL rule on the object at {@code field}; its message must start with {@code messageStart}.
   */
  record CelRule(String kind, String field, String rule, String messageStart) {
    @Override
    public String toString() {
      return kind + " " + field + ": " + messageStart;
    }
  }

  static List<CelRule> celRules() {
    String te = "TradingEnvironment";
    String strat = "Strategy";
    String bc = "BrokerConnection";
    String maxAtLeastMin =
        "!has(self.minReplicas) || !has(self.maxReplicas) || self.maxReplicas >= self.minReplicas";
    String maxAtLeastMinMessage =
        "autoscaling.maxReplicas must be greater than or equal to autoscaling.minReplicas";
    return List.of(
        new CelRule(
            te,
            "spec",
            "self.tier == 'Development' || (has(self.database) && has(self.database.secretRef))",
            "spec.database.secretRef is required for tier Staging and Production"),
        new CelRule(
            te,
            "spec",
            "self.tier == 'Development' || !has(self.database) || !has(self.database.managed)",
            "spec.database.managed is only allowed for tier Development"),
        // Transition rules (oldSelf): their behaviour is proven on a real API server by the
        // transitions table.
        new CelRule(
            te,
            "spec",
            TradingEnvironmentUpdateRules.STORAGE_SIZE,
            "spec.database.managed.storageSize cannot change while the managed database exists"),
        new CelRule(
            te,
            "spec",
            TradingEnvironmentUpdateRules.TIER,
            "spec.tier cannot leave Development while the environment runs a managed database"),
        new CelRule(
            te,
            "spec",
            TradingEnvironmentUpdateRules.ROLLOUT_STRATEGY,
            "spec.rollout.strategy cannot switch between BlueGreen and RollingUpdate"),
        new CelRule(
            te,
            "spec.database",
            "has(self.secretRef) != has(self.managed)",
            "spec.database must set exactly one of secretRef (an external PostgreSQL) or managed"),
        new CelRule(
            te, "spec.services.authService.autoscaling", maxAtLeastMin, maxAtLeastMinMessage),
        new CelRule(
            te, "spec.services.tradingApi.autoscaling", maxAtLeastMin, maxAtLeastMinMessage),
        new CelRule(
            te,
            "spec.rollout",
            "!has(self.progressDeadlineSeconds) || !has(self.stabilizationSeconds)"
                + " || self.progressDeadlineSeconds > self.stabilizationSeconds",
            "rollout.progressDeadlineSeconds must be greater than rollout.stabilizationSeconds"),
        new CelRule(
            te,
            "spec.rollout.prePromotion",
            "!has(self.timeoutSeconds) || !has(self.intervalSeconds) || self.timeoutSeconds <= self.intervalSeconds",
            "prePromotion.timeoutSeconds must not exceed prePromotion.intervalSeconds"),
        new CelRule(
            te,
            "spec.networkPolicy.allowedIngress[]",
            "has(self.cidr) ? !has(self.namespaceLabels) && !has(self.podLabels)"
                + " : (has(self.namespaceLabels) || has(self.podLabels))",
            "networkPolicy.allowedIngress entries set either cidr alone, or namespaceLabels and/or podLabels"),
        new CelRule(
            strat,
            "spec",
            "self.type != 'SmaCrossover' || (has(self.smaCrossover) && !has(self.meanReversion))",
            "spec.type SmaCrossover needs spec.smaCrossover and no spec.meanReversion"),
        new CelRule(
            strat,
            "spec",
            "self.type != 'MeanReversion' || (has(self.meanReversion) && !has(self.smaCrossover))",
            "spec.type MeanReversion needs spec.meanReversion and no spec.smaCrossover"),
        new CelRule(
            strat,
            "spec",
            "self.mode != 'Live' || has(self.risk)",
            "spec.risk is required when spec.mode is Live"),
        new CelRule(
            strat,
            "spec.smaCrossover",
            "self.fastPeriod < self.slowPeriod",
            "smaCrossover.fastPeriod must be less than smaCrossover.slowPeriod"),
        new CelRule(
            strat,
            "spec.meanReversion",
            "double(self.exitZScore) < double(self.entryZScore)",
            "meanReversion.exitZScore must be less than meanReversion.entryZScore"),
        new CelRule(
            bc,
            "spec",
            "self.broker != 'Binance' || (has(self.endpoint) && has(self.credentialsSecretRef))",
            "spec.endpoint and spec.credentialsSecretRef are required for broker Binance"),
        new CelRule(
            bc,
            "spec",
            "self.broker == 'Simulator' || !has(self.simulator)",
            "spec.simulator is only allowed with broker Simulator"),
        new CelRule(
            bc,
            "spec",
            "!has(self.replicas) || self.replicas <= 1",
            "spec.replicas must be 0 or 1: one broker-connector places the orders of an account"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("celRules")
  void celRuleIsOnItsObjectWithAMessageThatNamesTheFieldAndTheFix(CelRule expected) {
    List<ValidationRule> rules =
        field(expected.kind(), expected.field()).getXKubernetesValidations();

    assertThat(rules)
        .as("x-kubernetes-validations of %s", expected.field())
        .isNotNull()
        .anySatisfy(
            rule -> {
              assertThat(rule.getRule()).isEqualTo(expected.rule());
              assertThat(rule.getMessage()).startsWith(expected.messageStart());
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"TradingEnvironment", "Strategy", "BrokerConnection"})
  void everyCelRuleIsListedAboveAndItsMessageNamesAFieldOfTheKind(String kind) {
    List<String> listed =
        celRules().stream()
            .filter(r -> r.kind().equals(kind))
            .map(r -> r.field() + " " + r.rule())
            .toList();
    List<String> present = new ArrayList<>();

    CommittedCrds.properties(crds.schema(kind))
        .forEach(
            (path, schema) -> {
              if (schema.getXKubernetesValidations() == null) {
                return;
              }
              for (ValidationRule rule : schema.getXKubernetesValidations()) {
                present.add(path + " " + rule.getRule());
                String named = CommittedCrds.fieldNamedIn(rule.getMessage()).orElse("<none>");
                assertThat(crds.hasField(kind, named))
                    .as("%s names a field of %s: %s", rule.getMessage(), kind, named)
                    .isTrue();
              }
            });
    assertThat(crds.schema(kind).getXKubernetesValidations())
        .as("rules on the root")
        .isNullOrEmpty();

    assertThat(present).containsExactlyInAnyOrderElementsOf(listed);
  }

  // ---- completeness of the tables above and descriptions
  // -----------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"TradingEnvironment", "Strategy", "BrokerConnection"})
  void everyEnumRequiredFieldAndBoundOfTheSchemaIsListedAbove(String kind) {
    Map<String, JSONSchemaProps> properties = CommittedCrds.properties(crds.schema(kind));

    assertThat(paths(properties, s -> s.getEnum() != null && !s.getEnum().isEmpty()))
        .containsExactlyInAnyOrderElementsOf(listed(kind, enumRows()));
    assertThat(paths(properties, s -> s.getRequired() != null && !s.getRequired().isEmpty()))
        .containsExactlyInAnyOrderElementsOf(listed(kind, requiredRows()));
    assertThat(paths(properties, s -> s.getMinimum() != null || s.getMaximum() != null))
        .containsExactlyInAnyOrderElementsOf(listed(kind, boundRows()));
    assertThat(paths(properties, s -> s.getMinItems() != null || s.getMaxItems() != null))
        .containsExactlyInAnyOrderElementsOf(listed(kind, listBoundRows()));
    assertThat(crds.schema(kind).getProperties().get("spec").getRequired())
        .as("spec itself")
        .isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TradingEnvironment", "Strategy", "BrokerConnection"})
  void everyPropertyOfSpecAndStatusHasADescriptionForKubectlExplain(String kind) {
    JSONSchemaProps root = crds.schema(kind);

    assertThat(root.getDescription()).as("%s itself", kind).isNotBlank();
    assertThat(root.getProperties()).containsKeys("spec", "status");
    CommittedCrds.properties(root)
        .forEach(
            (path, schema) -> {
              if (!path.endsWith("[]")) {
                assertThat(schema.getDescription())
                    .as("description of %s.%s", kind, path)
                    .isNotBlank();
              }
            });
  }

  static JSONSchemaProps field(CommittedCrds crds, String kind, String path) {
    return crds.at(kind, path)
        .orElseThrow(() -> new AssertionError(kind + " has no field " + path));
  }

  private static JSONSchemaProps field(String kind, String path) {
    return crds.at(kind, path)
        .orElseThrow(() -> new AssertionError(kind + " has no field " + path));
  }

  static List<String> paths(
      Map<String, JSONSchemaProps> properties, Predicate<JSONSchemaProps> having) {
    return properties.entrySet().stream()
        .filter(e -> having.test(e.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** The fields of {@code kind} in one of the CSV tables above, read from its annotation. */
  private static List<String> listed(String kind, String[] rows) {
    return Stream.of(rows)
        .map(row -> Arrays.stream(row.split("\\|")).map(String::trim).toList())
        .filter(cells -> cells.get(0).equals(kind))
        .map(cells -> cells.get(1))
        .toList();
  }

  private static String[] rowsOf(String method, Class<?>... parameters) {
    try {
      return CrdSchemaTest.class
          .getDeclaredMethod(method, parameters)
          .getAnnotation(CsvSource.class)
          .value();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] enumRows() {
    return rowsOf(
        "enumAllowsExactlyTheConstantsOfTheModel", String.class, String.class, String.class);
  }

  private static String[] requiredRows() {
    return rowsOf("requiresExactlyTheseFields", String.class, String.class, String.class);
  }

  private static String[] boundRows() {
    return rowsOf("boundsTheIntegerField", String.class, String.class, Double.class, Double.class);
  }

  private static String[] listBoundRows() {
    return rowsOf("boundsTheListLength", String.class, String.class, Long.class, Long.class);
  }
}
