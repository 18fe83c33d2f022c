package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.AutoscalingSpec;
import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.HealthCheckSpec;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.NetworkPolicySpec;
import io.alphintra.api.v1alpha1.PostPromotionSpec;
import io.alphintra.api.v1alpha1.RiskLimits;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutSpec;
import io.alphintra.api.v1alpha1.RolloutStrategy;
import io.alphintra.api.v1alpha1.ServiceSpec;
import io.alphintra.api.v1alpha1.ServicesSpec;
import io.alphintra.api.v1alpha1.SimulatedMarket;
import io.alphintra.api.v1alpha1.SimulatorSpec;
import io.alphintra.api.v1alpha1.SmaCrossoverParameters;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyPhase;
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyType;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterProviders;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.environment.ActiveSelectorSampler;
import io.alphintra.e2e.platform.OperatorChart;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.e2e.platform.PlatformImages;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.environment.model.AuthServiceSecrets;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.alphintra.operator.strategy.model.StrategyResources;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A Development TradingEnvironment on the offline cluster's real node, as a new user gets it: the
 * managed PostgreSQL (the project's own image, its volume a local PersistentVolume of the node),
 * auth-service and trading-api from their Jib images, NetworkPolicies enforced, every pod admitted
 * under the restricted standard. The admin login from the generated Secret gets a token that
 * trading-api accepts (its JWKS fetched from auth-service inside the cluster), and a strategy pod's
 * projected service-account token is exchanged for a STRATEGY token through a real TokenReview. The
 * operator runs in the cluster, installed by its Helm chart, so its blue-green checks go through
 * the real preview and active Services from inside the cluster.
 *
 * <p>Needs the images: {@code ./mvnw -Pimages -pl
 * trading-services/auth-service,trading-services/trading-api -am package -DskipTests} and {@code
 * e2e/toolchain/postgres-image.sh}.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RealNodePods.NODE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeDevEnvironmentE2E {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
  private static final String ENVIRONMENT = "dev";
  private static final List<String> SERVICE_IMAGES =
      List.of(
          "auth-service", "trading-api", "broker-simulator", "broker-connector", "strategy-engine");
  private static final String CONNECTION = "sim";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Cluster cluster;
  private static TestNamespace namespace;
  private static TestNamespace operatorNamespace;
  private static CheckEndpoints endpoints;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension static final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @RegisterExtension
  static final DumpOnFailure dumpOperator = new DumpOnFailure(() -> operatorNamespace);

  @BeforeAll
  static void startRealNode() {
    PlatformImages images = new PlatformImages(Toolchain.locate());
    assertThat(images.missingReason()).as("the platform's images").isEmpty();
    cluster = ClusterProviders.start("devenv", EnumSet.of(ProviderKind.REAL_NODE));
    long imported = System.nanoTime();
    cluster.importImages(images.all());
    System.out.printf(
        "dev environment: images imported in %d ms%n", (System.nanoTime() - imported) / 1_000_000);
    Platform.installCrds(cluster);
    operatorNamespace = TestNamespace.create(cluster, "operator");
    RealNodePods.enforceRestricted(cluster.client(), operatorNamespace.name());
    namespace = TestNamespace.create(cluster, "devenv");
    RealNodePods.enforceRestricted(cluster.client(), namespace.name());
    endpoints = RealNodePods.clusterIpEndpoints(cluster);
    // The operator as it ships, in the cluster: its rollout checks reach the preview and active
    // Services by name from inside, as in production.
    OperatorChart chart = new OperatorChart(cluster);
    chart.install(operatorNamespace.name(), Map.of("postgresImage", images.postgresImage()));
    chart.awaitReady(operatorNamespace.name(), 1, READY_TIMEOUT);
  }

  @AfterAll
  static void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theManagedDatabaseAuthServiceAndTradingApiRunAsRestrictedRealPods() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName(ENVIRONMENT).withNamespace(ns).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Development,
            "0.1.0",
            null,
            null,
            null,
            // Blue-green (Development defaults to rolling updates), with short waits for a test.
            new RolloutSpec(
                RolloutStrategy.BlueGreen,
                true,
                5,
                new HealthCheckSpec(null, 2, 2, 2),
                new PostPromotionSpec(10, 2, 3),
                true,
                30,
                60,
                null),
            new NetworkPolicySpec(true, null),
            null,
            null));
    Instant created = Instant.now();
    client.resource(te).create();

    await("the environment Ready")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> "True".equals(readyStatus(client, ns)));
    System.out.printf(
        "dev environment: Ready %d s after it was created%n",
        Duration.between(created, Instant.now()).toSeconds());

    TradingEnvironment ready =
        client.resources(TradingEnvironment.class).inNamespace(ns).withName(ENVIRONMENT).get();
    for (String prefix :
        List.of(
            EnvironmentNames.postgres(ready),
            EnvironmentNames.activeService(ready, PlatformService.AUTH_SERVICE),
            EnvironmentNames.activeService(ready, PlatformService.TRADING_API))) {
      Pod pod = RealNodePods.readyPod(client, ns, prefix);
      assertThat(pod).as("a Ready pod of %s", prefix).isNotNull();
      assertThat(pod.getSpec().getNodeName()).isEqualTo("real-node");
      assertThat(pod.getStatus().getContainerStatuses().getFirst().getContainerID())
          .startsWith("containerd://");
      System.out.printf(
          "dev environment: pod %s Ready %d s after its creation%n",
          pod.getMetadata().getName(),
          Duration.between(
                  Instant.parse(pod.getMetadata().getCreationTimestamp()),
                  Instant.parse(RealNodePods.readySince(pod)))
              .toSeconds());
    }
    List<PersistentVolumeClaim> claims =
        client.persistentVolumeClaims().inNamespace(ns).list().getItems();
    assertThat(claims)
        .singleElement()
        .satisfies(
            claim -> {
              assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
              assertThat(claim.getSpec().getVolumeName()).startsWith("real-node-volume-");
            });
  }

  @Test
  @Order(2)
  void theAdminFromTheGeneratedSecretLogsInAndTradingApiAcceptsTheToken() throws Exception {
    TradingEnvironment te = environment();
    Secret admin =
        cluster
            .client()
            .secrets()
            .inNamespace(namespace.name())
            .withName(EnvironmentNames.authAdminSecret(te))
            .get();
    String username = decoded(admin, AuthServiceSecrets.USERNAME_KEY);
    String password = decoded(admin, AuthServiceSecrets.PASSWORD_KEY);

    HttpResponse<String> login =
        post(
            service(te, PlatformService.AUTH_SERVICE, "/api/v1/auth/login"),
            JSON.writeValueAsString(Map.of("username", username, "password", password)),
            null);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String accessToken = JSON.readTree(login.body()).path("access_token").asText();
    assertThat(claims(accessToken).path("roles").toString()).contains("ADMIN");

    HttpResponse<String> accounts =
        get(service(te, PlatformService.TRADING_API, "/api/v1/accounts"), accessToken);
    assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
    HttpResponse<String> anonymous =
        get(service(te, PlatformService.TRADING_API, "/api/v1/accounts"), null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  @Order(3)
  void aStrategyPodsProjectedTokenIsExchangedForAStrategyTokenThroughTokenReview()
      throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    TradingEnvironment te = environment();
    client
        .serviceAccounts()
        .inNamespace(ns)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("probe-strategy")
                .endMetadata()
                .build())
        .create();
    // Any image on the node with a sleep will do: auth-service's, as the operator named it.
    String image =
        RealNodePods.readyPod(
                client, ns, EnvironmentNames.activeService(te, PlatformService.AUTH_SERVICE))
            .getSpec()
            .getContainers()
            .getFirst()
            .getImage();
    client.pods().inNamespace(ns).resource(tokenHolder(image)).create();
    client
        .pods()
        .inNamespace(ns)
        .withName("probe-token-holder")
        .waitUntilCondition(
            p -> p != null && RealNodePods.readySince(p) != null, 2, TimeUnit.MINUTES);

    String platformToken = readInPod("/var/run/secrets/alphintra/token");
    HttpResponse<String> exchanged =
        post(
            service(te, PlatformService.AUTH_SERVICE, "/api/v1/auth/strategy-token"),
            JSON.writeValueAsString(Map.of("service_account_token", platformToken)),
            null);
    assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
    JsonNode strategyClaims = claims(JSON.readTree(exchanged.body()).path("access_token").asText());
    assertThat(strategyClaims.path("roles").toString()).contains("STRATEGY");
    assertThat(strategyClaims.path("strategy").asText()).isEqualTo("probe");
    assertThat(strategyClaims.path("namespace").asText()).isEqualTo(ns);

    String apiServerToken = readInPod("/var/run/secrets/kubernetes.io/serviceaccount/token");
    HttpResponse<String> refused =
        post(
            service(te, PlatformService.AUTH_SERVICE, "/api/v1/auth/strategy-token"),
            JSON.writeValueAsString(Map.of("service_account_token", apiServerToken)),
            null);
    assertThat(refused.statusCode()).as(refused.body()).isIn(401, 403);
    assertThat(refused.body()).contains("audience");
  }

  @Test
  @Order(4)
  void aSimulatorConnectionOfTheEnvironmentBecomesReady() {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(
        new ObjectMetaBuilder().withName(CONNECTION).withNamespace(namespace.name()).build());
    bc.setSpec(
        new BrokerConnectionSpec(
            new LocalObjectReference(ENVIRONMENT),
            BrokerType.Simulator,
            null,
            null,
            null,
            null,
            List.of("BTCUSDT"),
            1,
            new SimulatorSpec(
                List.of(new SimulatedMarket("BTCUSDT", "65000", "0.01", "0.00001", "60")),
                null,
                null,
                null)));
    cluster.client().resource(bc).create();

    await("the connection Ready")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              BrokerConnection now =
                  cluster
                      .client()
                      .resources(BrokerConnection.class)
                      .inNamespace(namespace.name())
                      .withName(CONNECTION)
                      .get();
              return now.getStatus() != null
                  && now.getStatus().conditions() != null
                  && now.getStatus().conditions().stream()
                      .anyMatch(
                          c ->
                              Condition.READY.equals(c.type())
                                  && c.status() == ConditionStatus.True);
            });
  }

  @Test
  @Order(5)
  void aPaperStrategyRunsOnARealPodAndItsPnlMoves() {
    createStrategy("paper", TradingMode.Paper, 2, 3, null);

    Strategy running = awaitStrategy("paper", s -> phase(s) == StrategyPhase.Running);
    Pod engine = enginePods("paper").getFirst();
    assertThat(engine.getSpec().getNodeName()).isEqualTo("real-node");
    assertThat(running.getStatus().conditions())
        .anySatisfy(
            c -> {
              assertThat(c.type()).isEqualTo(Condition.READY);
              assertThat(c.status()).isEqualTo(ConditionStatus.True);
            });
    Strategy trading =
        awaitStrategy(
            "paper",
            s ->
                s.getStatus().ordersToday() != null
                    && s.getStatus().ordersToday() > 0
                    && s.getStatus().pnl() != null
                    && new BigDecimal(s.getStatus().pnl().total()).signum() != 0);
    System.out.printf(
        "strategies: paper traded: %d orders, PnL %s, last signal %s%n",
        trading.getStatus().ordersToday(),
        trading.getStatus().pnl().total(),
        trading.getStatus().lastSignalTime());
    String before = trading.getStatus().pnl().total();
    awaitStrategy("paper", s -> !before.equals(s.getStatus().pnl().total()));
  }

  @Test
  @Order(6)
  void aParameterChangeDrainsTheRunningInstanceBeforeTheNextStartsAndNeverRunsTwo()
      throws Exception {
    String before = strategy("paper").getStatus().revision();
    EngineSampler sampler = new EngineSampler(cluster.client(), namespace.name(), "paper");
    try {
      editStrategy("paper", 3, 5);
      awaitStrategy(
          "paper",
          s ->
              !before.equals(s.getStatus().revision())
                  && phase(s) == StrategyPhase.Running
                  && s.getStatus().drain() == null);
      await("the new engine trading")
          .atMost(Duration.ofMinutes(2))
          .until(() -> sampler.activeNow() == 1);
    } finally {
      sampler.close();
    }

    System.out.printf(
        "strategies: parameter change: %d samples of the engine pods, at most %d answering RUNNING"
            + " at once%n",
        sampler.samples(), sampler.maxActive());
    assertThat(sampler.samples()).as("samples of the engine pods").isGreaterThan(20);
    assertThat(sampler.maxActive())
        .as("engines answering RUNNING at one moment (%s)", sampler.worst())
        .isEqualTo(1);
    assertThat(eventReasons("paper")).contains("DrainStarted", "Drained");
  }

  @Test
  @Order(7)
  void aLiveStrategysOrdersGoThroughTradingApiAndFillOnTheSimulator() throws Exception {
    TradingEnvironment te = environment();
    String admin = adminToken(te);
    HttpResponse<String> account =
        post(
            service(te, PlatformService.TRADING_API, "/api/v1/accounts"),
            JSON.writeValueAsString(
                Map.of(
                    "id", "live",
                    "ownerType", "STRATEGY",
                    "ownerId", "live",
                    "brokerConnection", CONNECTION)),
            admin);
    assertThat(account.statusCode()).as(account.body()).isEqualTo(201);

    createStrategy(
        "live", TradingMode.Live, 2, 3, new RiskLimits("100000", "100000", "100000", null, 600));

    awaitStrategy("live", s -> phase(s) == StrategyPhase.Running);
    JsonNode filled =
        await("a Live order filled on the venue")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    JSON.readTree(
                        get(
                                service(
                                    te,
                                    PlatformService.TRADING_API,
                                    "/api/v1/accounts/live/orders?size=100"),
                                admin)
                            .body()),
                orders ->
                    orders.findValues("venueOrderId").stream().anyMatch(id -> id.asLong() > 0)
                        && orders.findValuesAsText("status").contains("FILLED"));
    assertThat(filled.findValuesAsText("symbol")).contains("BTCUSDT");
    System.out.printf(
        "strategies: live: %d orders on trading-api's account, %d filled on the venue%n",
        filled.findValues("clientOrderId").size(),
        filled.findValuesAsText("status").stream().filter("FILLED"::equals).count());
    awaitStrategy(
        "live",
        s ->
            s.getStatus().ordersToday() != null
                && s.getStatus().ordersToday() > 0
                && s.getStatus().positions() != null);
  }

  @Test
  @Order(8)
  void aRiskBreachHaltsTheStrategyAndTheResetAnnotationResumesIt() {
    editRisk("live", new RiskLimits("100000", "1", "100000", null, 600));

    Strategy halted = awaitStrategy("live", s -> phase(s) == StrategyPhase.Halted);
    assertThat(halted.getStatus().haltReason()).contains("maxOrderNotional");
    assertThat(halted.getStatus().conditions())
        .anySatisfy(
            c -> {
              assertThat(c.type()).isEqualTo("Halted");
              assertThat(c.status()).isEqualTo(ConditionStatus.True);
            });

    cluster
        .client()
        .resources(Strategy.class)
        .inNamespace(namespace.name())
        .withName("live")
        .edit(
            s -> {
              s.getMetadata().getAnnotations().put("trading.alphintra.io/reset-halt", "now");
              return s;
            });

    await("the halt reset")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                eventReasons("live").contains("HaltReset")
                    && !strategy("live")
                        .getMetadata()
                        .getAnnotations()
                        .containsKey("trading.alphintra.io/reset-halt"));
  }

  @Test
  @Order(9)
  void deletingTheLiveStrategyDrainsItsEngineFirst() {
    cluster
        .client()
        .resources(Strategy.class)
        .inNamespace(namespace.name())
        .withName("live")
        .delete();

    await("the Live strategy gone")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> strategyOrNull("live") == null);
    assertThat(eventReasons("live")).contains("DrainStarted");
  }

  @Test
  @Order(11)
  void aNewVersionIsReleasedBlueGreenOntoRealPodsWithoutTrafficOnAnUnreadyColor() throws Exception {
    TradingEnvironment before = environment();
    Color live = before.getStatus().activeColor();
    // Every image of the platform at 0.1.1: the connector and the strategy follow the
    // environment's version; the simulator, the venue, keeps running with its book.
    Pod venue =
        RealNodePods.readyPod(cluster.client(), namespace.name(), CONNECTION + "-simulator");
    assertThat(venue).as("a Ready simulator pod before the release").isNotNull();
    tagOnNode(
        allImages("0.1.0").stream()
            .map(image -> Map.entry(image, withVersion(image, "0.1.1")))
            .toList());
    Instant released = Instant.now();

    List<ActiveSelectorSampler.Sample> samples;
    try (ActiveSelectorSampler sampler = activeSelectors(before)) {
      setVersion("0.1.1");
      await("0.1.1 promoted")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                TradingEnvironment te = environment();
                return "0.1.1".equals(te.getStatus().activeVersion())
                    && te.getStatus().rollout() != null
                    && te.getStatus().rollout().phase() == RolloutPhase.Completed;
              });
      sampler.close();
      samples = sampler.samples();
      assertThat(sampler.errors()).isEmpty();
    }
    System.out.printf(
        "dev environment: 0.1.1 released blue-green in %d s%n",
        Duration.between(released, Instant.now()).toSeconds());

    TradingEnvironment after = environment();
    assertThat(after.getStatus().activeColor()).isNotEqualTo(live);
    assertNeverUnready(samples);
    for (PlatformService service : PlatformService.values()) {
      Pod pod =
          RealNodePods.readyPod(
              cluster.client(),
              namespace.name(),
              EnvironmentNames.deployment(after, service, after.getStatus().activeColor()));
      assertThat(pod.getSpec().getContainers().getFirst().getImage()).endsWith(":0.1.1");
    }
    assertThat(adminLogin(after).statusCode()).isEqualTo(200);
    assertThat(RealNodePods.readyPod(cluster.client(), namespace.name(), CONNECTION + "-simulator"))
        .as("the simulator pod after the release")
        .satisfies(
            pod -> assertThat(pod.getMetadata().getUid()).isEqualTo(venue.getMetadata().getUid()))
        .satisfies(
            pod ->
                assertThat(pod.getSpec().getContainers().getFirst().getImage()).endsWith(":0.1.0"));
  }

  @Test
  @Order(12)
  void aVersionWhosePodsNeverBecomeReadyIsAbortedAndTheLiveColorKeepsServing() throws Exception {
    TradingEnvironment before = environment();
    Color live = before.getStatus().activeColor();
    // Images that start but never answer: the node's pause image under the services' names.
    String pause = pauseImage();
    // The environment's services at 0.1.2 are that image; the connection's and the strategy's
    // are their good 0.1.1 images, so only the environment's release is bad.
    List<String> bad = serviceImages("0.1.2").stream().map(Map.Entry::getValue).toList();
    tagOnNode(
        allImages("0.1.1").stream()
            .map(image -> withVersion(image, "0.1.2"))
            .map(
                target ->
                    Map.entry(bad.contains(target) ? pause : withVersion(target, "0.1.1"), target))
            .toList());

    List<ActiveSelectorSampler.Sample> samples;
    try (ActiveSelectorSampler sampler = activeSelectors(before)) {
      setVersion("0.1.2");
      await("0.1.2 aborted")
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                TradingEnvironment te = environment();
                return te.getStatus().rollout() != null
                    && "0.1.2".equals(te.getStatus().rollout().toVersion())
                    && te.getStatus().rollout().phase() == RolloutPhase.Aborted;
              });
      assertThat(adminLogin(environment()).statusCode())
          .as("the live color serves while the bad one is aborted")
          .isEqualTo(200);
      sampler.close();
      samples = sampler.samples();
    }

    TradingEnvironment after = environment();
    assertThat(after.getStatus().activeColor()).isEqualTo(live);
    assertThat(after.getStatus().activeVersion()).isEqualTo("0.1.1");
    assertThat(after.getStatus().conditions())
        .anySatisfy(
            c -> {
              assertThat(c.type()).isEqualTo("Degraded");
              assertThat(c.reason()).isEqualTo("RolloutAborted");
            });
    assertThat(samples).allSatisfy(sample -> assertThat(sample.color()).isEqualTo(live.name()));
    assertNeverUnready(samples);
  }

  @Test
  @Order(10)
  void networkPoliciesKeepAPodOutsideTheGraphFromTradingApiAndTheDatabase() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    TradingEnvironment te = environment();
    Pod tradingApi =
        RealNodePods.readyPod(
            client, ns, EnvironmentNames.activeService(te, PlatformService.TRADING_API));
    Pod authService =
        RealNodePods.readyPod(
            client, ns, EnvironmentNames.activeService(te, PlatformService.AUTH_SERVICE));
    TestNamespace outsiders = TestNamespace.create(cluster, "outsider");
    RealNodePods.enforceRestricted(client, outsiders.name());
    RealNodePods.startOutsider(
        cluster, outsiders.name(), tradingApi.getSpec().getContainers().getFirst().getImage());
    String out = outsiders.name();
    String database = EnvironmentNames.postgres(te);

    RealNodePods.awaitProbe(cluster, out, "outsider", "10.0.0.1", 443, "open");
    RealNodePods.awaitProbe(
        cluster, out, "outsider", tradingApi.getStatus().getPodIP(), 8080, "closed");
    RealNodePods.awaitProbe(
        cluster,
        out,
        "outsider",
        serviceIp(EnvironmentNames.activeService(te, PlatformService.TRADING_API)),
        8080,
        "closed");
    RealNodePods.awaitProbe(cluster, out, "outsider", serviceIp(database), 5432, "closed");
    // The allowed edges, by Service name through the node's DNS.
    RealNodePods.awaitProbe(
        cluster,
        ns,
        tradingApi.getMetadata().getName(),
        EnvironmentNames.activeService(te, PlatformService.AUTH_SERVICE),
        8080,
        "open");
    RealNodePods.awaitProbe(
        cluster, ns, authService.getMetadata().getName(), database, 5432, "open");
    // trading-api is not a client of the database's neighbours it does not need: the connector
    // may not reach the database.
    Pod connector =
        RealNodePods.readyPod(
            client,
            ns,
            BrokerNames.connector(
                client
                    .resources(BrokerConnection.class)
                    .inNamespace(ns)
                    .withName(CONNECTION)
                    .get()));
    RealNodePods.awaitProbe(
        cluster, ns, connector.getMetadata().getName(), database, 5432, "closed");
  }

  @Test
  @Order(13)
  void anAutoscalerScalesTradingApiUnderCpuLoadAndTheOperatorKeepsItsCount() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    client
        .resources(TradingEnvironment.class)
        .inNamespace(ns)
        .withName(ENVIRONMENT)
        .edit(
            te -> {
              var spec = te.getSpec();
              te.setSpec(
                  new TradingEnvironmentSpec(
                      spec.tier(),
                      spec.version(),
                      spec.imageRegistry(),
                      new ServicesSpec(
                          null,
                          new ServiceSpec(
                              null, null, new AutoscalingSpec(true, 1, 2, 50, null, null))),
                      spec.database(),
                      spec.rollout(),
                      spec.networkPolicy(),
                      spec.monitoring(),
                      spec.paused()));
              return te;
            });
    TradingEnvironment te = environment();
    String deployment =
        EnvironmentNames.deployment(te, PlatformService.TRADING_API, te.getStatus().activeColor());
    String autoscaler = EnvironmentNames.autoscaler(te, PlatformService.TRADING_API);
    await("the autoscaler of the live color")
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              var hpa =
                  client
                      .autoscaling()
                      .v2()
                      .horizontalPodAutoscalers()
                      .inNamespace(ns)
                      .withName(autoscaler)
                      .get();
              return hpa != null && deployment.equals(hpa.getSpec().getScaleTargetRef().getName());
            });
    Pod pod = RealNodePods.readyPod(client, ns, deployment);

    // CPU load inside the pod: two busy loops that end by themselves after four minutes.
    Toolchain.Result load =
        cluster.kubectl(
            Duration.ofSeconds(30),
            "-n",
            ns,
            "exec",
            pod.getMetadata().getName(),
            "--",
            "bash",
            "-c",
            "for i in 1 2; do setsid timeout 240 bash -c 'while :; do :; done' </dev/null"
                + " >/dev/null 2>&1 & done");
    assertThat(load.ok()).as(load.stderr()).isTrue();
    Instant loaded = Instant.now();

    await("the autoscaler scaled trading-api to 2")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> replicas(deployment) == 2 && readyReplicas(deployment) == 2);
    System.out.printf(
        "dev environment: the autoscaler scaled trading-api to 2 Ready pods %d s after the load"
            + " began%n",
        Duration.between(loaded, Instant.now()).toSeconds());
    // The scale-up changed the Deployment, which the operator reconciles at once; it must leave the
    // autoscaler's count.
    await("the autoscaler's count kept")
        .during(Duration.ofSeconds(20))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> replicas(deployment) == 2);
  }

  private static int replicas(String deployment) {
    var d =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(namespace.name())
            .withName(deployment)
            .get();
    return d == null || d.getSpec().getReplicas() == null ? 0 : d.getSpec().getReplicas();
  }

  private static int readyReplicas(String deployment) {
    var d =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(namespace.name())
            .withName(deployment)
            .get();
    return d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null
        ? 0
        : d.getStatus().getReadyReplicas();
  }

  private static String serviceIp(String service) {
    return cluster
        .client()
        .services()
        .inNamespace(namespace.name())
        .withName(service)
        .get()
        .getSpec()
        .getClusterIP();
  }

  private static void createStrategy(
      String name, TradingMode mode, int fast, int slow, RiskLimits risk) {
    Strategy strategy = new Strategy();
    strategy.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace.name())
            .withAnnotations(new java.util.HashMap<>())
            .build());
    strategy.setSpec(strategySpec(mode, fast, slow, risk));
    cluster.client().resource(strategy).create();
  }

  private static StrategySpec strategySpec(TradingMode mode, int fast, int slow, RiskLimits risk) {
    return new StrategySpec(
        new LocalObjectReference(ENVIRONMENT),
        new LocalObjectReference(CONNECTION),
        StrategyType.SmaCrossover,
        new SmaCrossoverParameters(fast, slow, "0.001"),
        null,
        List.of("BTCUSDT"),
        "1s",
        mode,
        risk,
        "10000",
        false,
        null);
  }

  private static void editStrategy(String name, int fast, int slow) {
    cluster
        .client()
        .resources(Strategy.class)
        .inNamespace(namespace.name())
        .withName(name)
        .edit(
            s -> {
              StrategySpec spec = s.getSpec();
              s.setSpec(strategySpec(spec.modeOrDefault(), fast, slow, spec.risk()));
              return s;
            });
  }

  private static void editRisk(String name, RiskLimits risk) {
    cluster
        .client()
        .resources(Strategy.class)
        .inNamespace(namespace.name())
        .withName(name)
        .edit(
            s -> {
              StrategySpec spec = s.getSpec();
              s.setSpec(
                  strategySpec(
                      spec.modeOrDefault(),
                      spec.smaCrossover().fastPeriod(),
                      spec.smaCrossover().slowPeriod(),
                      risk));
              return s;
            });
  }

  private static Strategy strategyOrNull(String name) {
    return cluster
        .client()
        .resources(Strategy.class)
        .inNamespace(namespace.name())
        .withName(name)
        .get();
  }

  private static Strategy strategy(String name) {
    Strategy strategy = strategyOrNull(name);
    assertThat(strategy).as("Strategy %s", name).isNotNull();
    return strategy;
  }

  private static StrategyPhase phase(Strategy strategy) {
    return strategy.getStatus() == null ? null : strategy.getStatus().phase();
  }

  private static Strategy awaitStrategy(String name, java.util.function.Predicate<Strategy> state) {
    return await("Strategy " + name)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> strategyOrNull(name), s -> s != null && s.getStatus() != null && state.test(s));
  }

  private static List<Pod> enginePods(String name) {
    return cluster
        .client()
        .pods()
        .inNamespace(namespace.name())
        .withLabel(StrategyResources.STRATEGY_LABEL, name)
        .list()
        .getItems();
  }

  private static List<String> eventReasons(String strategy) {
    return cluster.client().v1().events().inNamespace(namespace.name()).list().getItems().stream()
        .filter(e -> strategy.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Strategy".equals(e.getInvolvedObject().getKind()))
        .map(io.fabric8.kubernetes.api.model.Event::getReason)
        .toList();
  }

  private static String adminToken(TradingEnvironment te) throws Exception {
    HttpResponse<String> login = adminLogin(te);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return JSON.readTree(login.body()).path("access_token").asText();
  }

  private static void assertNeverUnready(List<ActiveSelectorSampler.Sample> samples) {
    assertThat(samples).as("samples of the active selectors").hasSizeGreaterThan(20);
    assertThat(samples)
        .as("the active Services never selected a color without all its pods Ready")
        .allSatisfy(sample -> assertThat(sample.colorReady()).as(sample.toString()).isTrue());
  }

  private static ActiveSelectorSampler activeSelectors(TradingEnvironment te) {
    return new ActiveSelectorSampler(
        cluster.client(),
        namespace.name(),
        java.util.Arrays.stream(PlatformService.values())
            .map(service -> EnvironmentNames.activeService(te, service))
            .toList(),
        Labels.COLOR);
  }

  private static void setVersion(String version) {
    RealNodeReleases.setVersion(cluster, namespace.name(), ENVIRONMENT, version);
  }

  /** For every service: the live pod's image, and the same repository at {@code version}. */
  private static List<Map.Entry<String, String>> serviceImages(String version) {
    TradingEnvironment te = environment();
    return java.util.Arrays.stream(PlatformService.values())
        .map(
            service -> {
              String image =
                  RealNodePods.readyPod(
                          cluster.client(),
                          namespace.name(),
                          EnvironmentNames.activeService(te, service))
                      .getSpec()
                      .getContainers()
                      .getFirst()
                      .getImage();
              String repository = image.substring(0, image.lastIndexOf(':'));
              return Map.entry(image, repository + ":" + version);
            })
        .toList();
  }

  /** The five service images of the platform at {@code version}, in the operator's registry. */
  private static List<String> allImages(String version) {
    String image = serviceImages(version).getFirst().getKey();
    String registry = image.substring(0, image.lastIndexOf('/') + 1);
    return SERVICE_IMAGES.stream().map(name -> registry + name + ":" + version).toList();
  }

  private static String withVersion(String image, String version) {
    return image.substring(0, image.lastIndexOf(':')) + ":" + version;
  }

  /** Tags images in the node's containerd: each entry's key also as its value. */
  private static void tagOnNode(List<Map.Entry<String, String>> images) {
    for (Map.Entry<String, String> image : images) {
      ctr("images", "tag", "--force", image.getKey(), image.getValue());
    }
  }

  private static String pauseImage() {
    return ctr("images", "ls", "-q")
        .lines()
        .filter(ref -> ref.contains("/pause:"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pause image on the node"));
  }

  private static String ctr(String... args) {
    return RealNodeReleases.ctr(cluster, args);
  }

  private static HttpResponse<String> adminLogin(TradingEnvironment te) throws Exception {
    Secret admin =
        cluster
            .client()
            .secrets()
            .inNamespace(namespace.name())
            .withName(EnvironmentNames.authAdminSecret(te))
            .get();
    return post(
        service(te, PlatformService.AUTH_SERVICE, "/api/v1/auth/login"),
        JSON.writeValueAsString(
            Map.of(
                "username",
                decoded(admin, AuthServiceSecrets.USERNAME_KEY),
                "password",
                decoded(admin, AuthServiceSecrets.PASSWORD_KEY))),
        null);
  }

  /** A pod of the strategy "probe" holding a token projected for the platform's audience. */
  private static Pod tokenHolder(String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("probe-token-holder")
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName("probe-strategy")
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("holder")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("sleep", "3600")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("platform-token")
        .withMountPath("/var/run/secrets/alphintra")
        .withReadOnly(true)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("platform-token")
        .withNewProjected()
        .addNewSource()
        .withNewServiceAccountToken()
        .withAudience("alphintra")
        .withExpirationSeconds(3600L)
        .withPath("token")
        .endServiceAccountToken()
        .endSource()
        .endProjected()
        .endVolume()
        .endSpec()
        .build();
  }

  private static String readInPod(String path) {
    // The API server's first exec after its kubelet client certificate was re-signed can fail
    // once with "use of closed network connection"; the next one opens a new connection.
    Toolchain.Result read =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    cluster.kubectl(
                        Duration.ofSeconds(30),
                        "-n",
                        namespace.name(),
                        "exec",
                        "probe-token-holder",
                        "--",
                        "cat",
                        path),
                Toolchain.Result::ok);
    return read.stdout().strip();
  }

  private static TradingEnvironment environment() {
    return cluster
        .client()
        .resources(TradingEnvironment.class)
        .inNamespace(namespace.name())
        .withName(ENVIRONMENT)
        .get();
  }

  private static String readyStatus(KubernetesClient client, String ns) {
    TradingEnvironment te =
        client.resources(TradingEnvironment.class).inNamespace(ns).withName(ENVIRONMENT).get();
    if (te == null || te.getStatus() == null || te.getStatus().conditions() == null) {
      return null;
    }
    return te.getStatus().conditions().stream()
        .filter(c -> Condition.READY.equals(c.type()))
        .map(c -> c.status() == ConditionStatus.True ? "True" : c.reason())
        .findFirst()
        .orElse(null);
  }

  private static URI service(TradingEnvironment te, PlatformService service, String path) {
    return endpoints.resolve(
        namespace.name(),
        EnvironmentNames.activeService(te, service),
        PlatformService.HTTP_PORT,
        path);
  }

  private static HttpResponse<String> post(URI uri, String body, String bearer) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  private static HttpResponse<String> get(URI uri, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    return RealNodePods.sendWhenRouted(http, request, endpoints);
  }

  private static JsonNode claims(String jwt) throws Exception {
    String payload = jwt.split("\\.")[1];
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
