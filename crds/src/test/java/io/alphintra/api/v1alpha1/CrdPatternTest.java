package io.alphintra.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphintra.api.v1alpha1.schema.CommittedCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every string field with a pattern in the committed CRDs carries the pattern of the model, accepts
 * well-formed values and rejects malformed ones; the table is checked to list every pattern of the
 * schema.
 */
class CrdPatternTest {

  private static CommittedCrds crds;

  @BeforeAll
  static void loadCrds() {
    crds = CommittedCrds.load(Path.of("").toAbsolutePath());
  }

  /** A pattern-checked field, the pattern it must carry, and values it must accept and reject. */
  record PatternRule(
      String kind, String field, String pattern, List<String> accepts, List<String> rejects) {
    @Override
    public String toString() {
      return kind + " " + field;
    }
  }

  private static final List<String> VERSIONS_OK = List.of("1.4.2", "v0.1.0", "2.0.0-rc.1");
  private static final List<String> VERSIONS_BAD =
      List.of("1.4", "latest", "01.2.3", "1.2.3+build");
  private static final List<String> REGISTRIES_OK =
      List.of("registry.example.com/alphintra", "localhost:5000/a/b", "ghcr.io");
  private static final List<String> REGISTRIES_BAD =
      List.of("https://ghcr.io/alphintra", "Registry.example.com", "ghcr.io/");
  private static final List<String> SUBDOMAINS_OK = List.of("alphintra-db", "db.prod", "a");
  private static final List<String> SUBDOMAINS_BAD = List.of("Alphintra_DB", "-db", "db-");
  private static final List<String> LABELS_OK = List.of("dev", "simulator", "binance-testnet");
  private static final List<String> LABELS_BAD = List.of("Simulator_1", "a.b", "-dev");
  private static final List<String> SECRET_KEYS_OK =
      List.of("url", "jdbc-url", "API_KEY", "tls.crt");
  private static final List<String> SECRET_KEYS_BAD = List.of("api key", "", "key/1");
  private static final List<String> QUANTITIES_OK =
      List.of("1Gi", "500Mi", "250m", "1", "0.5", "10G");
  private static final List<String> QUANTITIES_BAD = List.of("1 GB", "1gi", "-1Gi", "half");
  private static final List<String> DECIMALS_OK =
      List.of("10000", "2500.50", "0.00000001", "0", "0.01");
  private static final List<String> DECIMALS_BAD =
      List.of("10k", "-1", "1.123456789", "01", "1,000", "1e5");
  private static final List<String> PERCENTS_OK =
      List.of("99.9", "100", "0.5", "99.995", "0", "100.000");
  private static final List<String> PERCENTS_BAD = List.of("100.5", "101", "99.9999", "-1", "50%");
  private static final List<String> SYMBOLS_OK = List.of("BTCUSDT", "ETHUSDT", "1INCHUSDT");
  private static final List<String> SYMBOLS_BAD = List.of("btcusdt", "BTC-USDT", "BTC", "BTC/USDT");
  private static final List<String> URLS_OK =
      List.of(
          "https://api.binance.com", "http://simulator:8080", "https://testnet.binance.vision/");
  private static final List<String> URLS_BAD =
      List.of("api.binance.com", "ftp://example.com", "https://", "https://exa mple.com");
  private static final List<String> WS_URLS_OK =
      List.of(
          "wss://stream.binance.com:9443",
          "ws://sim-simulator:8080",
          "wss://stream.testnet.binance.vision/");
  private static final List<String> WS_URLS_BAD =
      List.of(
          "https://stream.binance.com:9443",
          "stream.binance.com:9443",
          "wss://",
          "wss://exa mple.com");
  private static final List<String> CIDRS_OK = List.of("10.0.0.0/8", "192.168.1.0/24", "fd00::/8");
  private static final List<String> CIDRS_BAD = List.of("10.0.0.0", "any", "10.0.0.0/8 ");

  static List<PatternRule> patternRules() {
    List<PatternRule> rules = new ArrayList<>();
    String te = "TradingEnvironment";
    rules.add(new PatternRule(te, "spec.version", Patterns.VERSION, VERSIONS_OK, VERSIONS_BAD));
    rules.add(
        new PatternRule(
            te, "spec.imageRegistry", Patterns.IMAGE_REGISTRY, REGISTRIES_OK, REGISTRIES_BAD));
    rules.add(
        new PatternRule(
            te,
            "spec.database.secretRef.name",
            Patterns.DNS_SUBDOMAIN,
            SUBDOMAINS_OK,
            SUBDOMAINS_BAD));
    for (String key : List.of("urlKey", "usernameKey", "passwordKey")) {
      rules.add(
          new PatternRule(
              te,
              "spec.database.secretRef." + key,
              Patterns.SECRET_KEY,
              SECRET_KEYS_OK,
              SECRET_KEYS_BAD));
    }
    rules.add(
        new PatternRule(
            te,
            "spec.database.managed.storageSize",
            Patterns.QUANTITY,
            QUANTITIES_OK,
            QUANTITIES_BAD));
    for (String resources :
        List.of(
            "spec.database.managed.resources",
            "spec.services.authService.resources",
            "spec.services.tradingApi.resources")) {
      for (String amount :
          List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
        rules.add(
            new PatternRule(
                te, resources + "." + amount, Patterns.QUANTITY, QUANTITIES_OK, QUANTITIES_BAD));
      }
    }
    rules.add(
        new PatternRule(
            te,
            "spec.rollout.prePromotion.path",
            "^/[-a-zA-Z0-9._~/]*$",
            List.of("/actuator/health/readiness", "/", "/health~v2"),
            List.of("actuator/health", "/health?full", "")));
    rules.add(
        new PatternRule(
            te, "spec.networkPolicy.allowedIngress[].cidr", Patterns.CIDR, CIDRS_OK, CIDRS_BAD));
    rules.add(
        new PatternRule(
            te,
            "spec.monitoring.slo.availabilityPercent",
            Patterns.PERCENT,
            PERCENTS_OK,
            PERCENTS_BAD));

    String strat = "Strategy";
    rules.add(
        new PatternRule(
            strat, "spec.environmentRef.name", Patterns.DNS_LABEL, LABELS_OK, LABELS_BAD));
    rules.add(
        new PatternRule(
            strat, "spec.brokerConnectionRef.name", Patterns.DNS_LABEL, LABELS_OK, LABELS_BAD));
    rules.add(new PatternRule(strat, "spec.symbols[]", Patterns.SYMBOL, SYMBOLS_OK, SYMBOLS_BAD));
    rules.add(new PatternRule(strat, "spec.capital", Patterns.DECIMAL, DECIMALS_OK, DECIMALS_BAD));
    rules.add(
        new PatternRule(
            strat,
            "spec.candleInterval",
            Patterns.CANDLE_INTERVAL,
            List.of("1s", "15s", "1m", "5m", "1h", "4h", "1d"),
            List.of("2m", "1M", "60s", "1w", "m", "")));
    rules.add(
        new PatternRule(
            strat, "spec.smaCrossover.orderQuantity", Patterns.DECIMAL, DECIMALS_OK, DECIMALS_BAD));
    for (String parameter : List.of("entryZScore", "exitZScore", "orderQuantity")) {
      rules.add(
          new PatternRule(
              strat,
              "spec.meanReversion." + parameter,
              Patterns.DECIMAL,
              DECIMALS_OK,
              DECIMALS_BAD));
    }
    for (String limit : List.of("maxPositionNotional", "maxOrderNotional", "maxDailyLoss")) {
      rules.add(
          new PatternRule(
              strat, "spec.risk." + limit, Patterns.DECIMAL, DECIMALS_OK, DECIMALS_BAD));
    }
    rules.add(
        new PatternRule(
            strat, "spec.risk.maxDrawdownPercent", Patterns.PERCENT, PERCENTS_OK, PERCENTS_BAD));
    for (String amount :
        List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
      rules.add(
          new PatternRule(
              strat, "spec.resources." + amount, Patterns.QUANTITY, QUANTITIES_OK, QUANTITIES_BAD));
    }

    String bc = "BrokerConnection";
    rules.add(
        new PatternRule(bc, "spec.environmentRef.name", Patterns.DNS_LABEL, LABELS_OK, LABELS_BAD));
    rules.add(new PatternRule(bc, "spec.endpoint", Patterns.HTTP_URL, URLS_OK, URLS_BAD));
    rules.add(new PatternRule(bc, "spec.streamEndpoint", Patterns.WS_URL, WS_URLS_OK, WS_URLS_BAD));
    rules.add(
        new PatternRule(
            bc,
            "spec.credentialsSecretRef.name",
            Patterns.DNS_SUBDOMAIN,
            SUBDOMAINS_OK,
            SUBDOMAINS_BAD));
    for (String key : List.of("apiKeyKey", "secretKeyKey")) {
      rules.add(
          new PatternRule(
              bc,
              "spec.credentialsSecretRef." + key,
              Patterns.SECRET_KEY,
              SECRET_KEYS_OK,
              SECRET_KEYS_BAD));
    }
    rules.add(new PatternRule(bc, "spec.symbols[]", Patterns.SYMBOL, SYMBOLS_OK, SYMBOLS_BAD));
    rules.add(
        new PatternRule(
            bc, "spec.simulator.markets[].symbol", Patterns.SYMBOL, SYMBOLS_OK, SYMBOLS_BAD));
    for (String price : List.of("startPrice", "tickSize", "lotSize")) {
      rules.add(
          new PatternRule(
              bc,
              "spec.simulator.markets[]." + price,
              Patterns.DECIMAL,
              DECIMALS_OK,
              DECIMALS_BAD));
    }
    rules.add(
        new PatternRule(
            bc,
            "spec.simulator.markets[].volatilityPercent",
            Patterns.PERCENT,
            PERCENTS_OK,
            PERCENTS_BAD));
    for (String fault :
        List.of("serverErrorPercent", "unknownStatusPercent", "droppedStreamMessagesPercent")) {
      rules.add(
          new PatternRule(
              bc, "spec.simulator.faults." + fault, Patterns.PERCENT, PERCENTS_OK, PERCENTS_BAD));
    }
    return rules;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patternRules")
  void patternAcceptsWellFormedAndRejectsMalformedValues(PatternRule rule) {
    JSONSchemaProps schema = CrdSchemaTest.field(crds, rule.kind(), rule.field());
    // The API server matches unanchored (Go regexp MatchString), like find(); every pattern anchors
    // itself.
    Predicate<String> accepted =
        value -> Pattern.compile(schema.getPattern()).matcher(value).find();

    assertThat(schema.getType()).isEqualTo("string");
    assertThat(schema.getPattern()).isEqualTo(rule.pattern()).startsWith("^").endsWith("$");
    assertThat(rule.accepts()).allMatch(accepted);
    assertThat(rule.rejects()).noneMatch(accepted);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TradingEnvironment", "Strategy", "BrokerConnection"})
  void everyPatternOfTheSchemaIsListedAbove(String kind) {
    List<String> listed =
        patternRules().stream().filter(r -> r.kind().equals(kind)).map(PatternRule::field).toList();

    assertThat(
            CrdSchemaTest.paths(
                CommittedCrds.properties(crds.schema(kind)), s -> s.getPattern() != null))
        .containsExactlyInAnyOrderElementsOf(listed);
  }
}
