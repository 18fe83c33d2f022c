package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.ComputeResources;
import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.ConditionStatus;
import io.alphintra.api.v1alpha1.DatabaseSecretRef;
import io.alphintra.api.v1alpha1.DatabaseSpec;
import io.alphintra.api.v1alpha1.HealthCheckSpec;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.NetworkPolicySpec;
import io.alphintra.api.v1alpha1.PostPromotionSpec;
import io.alphintra.api.v1alpha1.ResourceAmounts;
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
import io.alphintra.api.v1alpha1.StrategySpec;
import io.alphintra.api.v1alpha1.StrategyType;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.api.v1alpha1.TradingMode;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.operator.environment.model.AuthServiceSecrets;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.PlatformService;
import io.alphintra.operator.runtime.CheckEndpoints;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The release E2E's platform on the real node: its Staging TradingEnvironment, Simulator connection
 * and Live strategy, their versions and rollouts, the images on the node, and calls to the active
 * Services from this host.
 */
final class StagingPlatform {
  static final String ENVIRONMENT = "staging";
  static final String CONNECTION = "sim";
  static final String STRATEGY = "live";
  static final String SYMBOL = "BTCUSDT";
  static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(6);
  private static final String LEASE = "alphintra-operator";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cluster cluster;
  private final String operatorNamespace;
  private final String namespace;
  private final CheckEndpoints endpoints;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StagingPlatform(Cluster cluster, String operatorNamespace, String namespace) {
    this.cluster = cluster;
    this.operatorNamespace = operatorNamespace;
    this.namespace = namespace;
    this.endpoints = RealNodePods.clusterIpEndpoints(cluster);
  }

  String namespace() {
    return namespace;
  }

  /**
   * trading-api's 0.1.1: the same classes built by Jib with {@code -Dimage.version=0.1.1} and a
   * layer with the build info saying 0.1.1, which its {@code /actuator/info} shows; a different
   * image (another layer, another digest) under the 0.1.1 tag.
   */
  static Path releaseImage(Toolchain toolchain, Path output) throws IOException {
    Path module = toolchain.repoRoot().resolve("trading-services/trading-api");
    Path buildInfo = module.resolve("target/classes/META-INF/build-info.properties");
    assertThat(buildInfo).as("build info of trading-api; build with -Pimages").exists();
    Path extra = output.resolve("trading-api-0.1.1-layer");
    Path target = extra.resolve("app/resources/META-INF/build-info.properties");
    Files.createDirectories(target.getParent());
    Files.writeString(
        target,
        Files.readString(buildInfo)
            .replaceAll("(?m)^build\\.image\\.version=.*$", "build.image.version=0.1.1"));
    Path tar = output.resolve("trading-api-0.1.1.tar");
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    toolchain
        .run(
            List.of(
                toolchain.repoRoot().resolve("mvnw").toString(),
                "-B",
                "-o",
                "-q",
                "-f",
                toolchain.repoRoot().resolve("pom.xml").toString(),
                "-pl",
                "trading-services/trading-api",
                "-Dimage.version=0.1.1",
                "-Djib.outputPaths.tar=" + tar,
                "-Djib.extraDirectories.paths=" + extra,
                "jib:buildTar"),
            env,
            Duration.ofMinutes(5))
        .requireSuccess("the 0.1.1 image of trading-api");
    return tar;
  }

  void createEnvironment(String databaseUrl) {
    KubernetesClient client = cluster.client();
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("staging-db")
                .endMetadata()
                .withStringData(
                    Map.of("url", databaseUrl, "username", "alphintra", "password", "release-e2e"))
                .build())
        .create();
    // A CPU limit of one of the node's two cores: with the rollout's maxStartingPods of 1, a new
    // color's JVMs start one at a time and leave the other core to the live color, the connector
    // and the simulator that serve the load.
    ServiceSpec twoPods =
        new ServiceSpec(
            2,
            new ComputeResources(
                new ResourceAmounts("50m", "384Mi"), new ResourceAmounts("1000m", "768Mi")),
            new io.alphintra.api.v1alpha1.AutoscalingSpec(false, null, null, null, null, null));
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName(ENVIRONMENT).withNamespace(namespace).build());
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Staging,
            "0.1.0",
            null,
            new ServicesSpec(twoPods, twoPods),
            new DatabaseSpec(new DatabaseSecretRef("staging-db", null, null, null), null),
            // Automatic promotion and rollback with short waits; a new color's pods start one at a
            // time, each within the progress deadline. A check may take 5 s: right after a switch
            // the new color takes the load's backlog of retries, and three 3 s timeouts in a row
            // rolled a good release back on a slower host.
            new RolloutSpec(
                RolloutStrategy.BlueGreen,
                true,
                5,
                new HealthCheckSpec(null, 5, 5, 2),
                new PostPromotionSpec(20, 5, 3),
                true,
                30,
                120,
                1),
            new NetworkPolicySpec(true, null),
            null,
            null));
    client.resource(te).create();
  }

  void createConnection() {
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName(CONNECTION).withNamespace(namespace).build());
    bc.setSpec(
        new BrokerConnectionSpec(
            new LocalObjectReference(ENVIRONMENT),
            BrokerType.Simulator,
            null,
            null,
            null,
            null,
            List.of(SYMBOL),
            1,
            new SimulatorSpec(
                List.of(new SimulatedMarket(SYMBOL, "65000", "0.01", "0.00001", "60")),
                null,
                null,
                null)));
    cluster.client().resource(bc).create();
  }

  void createStrategy() {
    Strategy strategy = new Strategy();
    strategy.setMetadata(
        new ObjectMetaBuilder().withName(STRATEGY).withNamespace(namespace).build());
    strategy.setSpec(
        new StrategySpec(
            new LocalObjectReference(ENVIRONMENT),
            new LocalObjectReference(CONNECTION),
            StrategyType.SmaCrossover,
            new SmaCrossoverParameters(2, 3, "0.001"),
            null,
            List.of(SYMBOL),
            "1s",
            TradingMode.Live,
            new RiskLimits("100000", "100000", "100000", null, 600),
            "10000",
            false,
            null));
    cluster.client().resource(strategy).create();
  }

  void setVersion(String version) {
    RealNodeReleases.setVersion(cluster, namespace, ENVIRONMENT, version);
  }

  void awaitRollout(String version, RolloutPhase phase) {
    await(version + " " + phase)
        .atMost(ROLLOUT_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> environment().getStatus().rollout(),
            r -> {
              if (r != null && version.equals(r.toVersion())) {
                assertThat(r.phase())
                    .as("rollout of %s: %s", version, r.message())
                    .isNotIn(RolloutPhase.Aborted, RolloutPhase.RolledBack);
              }
              return r != null && version.equals(r.toVersion()) && r.phase() == phase;
            });
  }

  static String image(String name, String version) {
    return "ghcr.io/alphintra/" + name + ":" + version;
  }

  void tagOnNode(List<Map.Entry<String, String>> images) {
    for (Map.Entry<String, String> image : images) {
      ctr("images", "tag", "--force", image.getKey(), image.getValue());
    }
  }

  String ctr(String... args) {
    return RealNodeReleases.ctr(cluster, args);
  }

  String leaseHolder() {
    Lease lease = cluster.client().leases().inNamespace(operatorNamespace).withName(LEASE).get();
    if (lease == null || lease.getSpec().getHolderIdentity() == null) {
      return null;
    }
    String holder = lease.getSpec().getHolderIdentity();
    return holder.isEmpty() ? null : holder;
  }

  List<Pod> readyPods(String deployment) {
    return cluster.client().pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(deployment + "-"))
        .filter(p -> RealNodePods.readySince(p) != null)
        .toList();
  }

  TradingEnvironment environment() {
    return cluster
        .client()
        .resources(TradingEnvironment.class)
        .inNamespace(namespace)
        .withName(ENVIRONMENT)
        .get();
  }

  BrokerConnection connection() {
    return cluster
        .client()
        .resources(BrokerConnection.class)
        .inNamespace(namespace)
        .withName(CONNECTION)
        .get();
  }

  Strategy strategy() {
    return cluster
        .client()
        .resources(Strategy.class)
        .inNamespace(namespace)
        .withName(STRATEGY)
        .get();
  }

  static boolean ready(List<Condition> conditions) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> Condition.READY.equals(c.type()) && c.status() == ConditionStatus.True);
  }

  URI service(PlatformService service, String path) {
    return endpoints.resolve(
        namespace,
        EnvironmentNames.activeService(environment(), service),
        PlatformService.HTTP_PORT,
        path);
  }

  URI tradingApi(String path) {
    return service(PlatformService.TRADING_API, path);
  }

  String adminToken() throws Exception {
    Secret admin =
        cluster
            .client()
            .secrets()
            .inNamespace(namespace)
            .withName(EnvironmentNames.authAdminSecret(environment()))
            .get();
    HttpResponse<String> login =
        send(
            HttpRequest.newBuilder(service(PlatformService.AUTH_SERVICE, "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "username", decoded(admin, AuthServiceSecrets.USERNAME_KEY),
                                "password", decoded(admin, AuthServiceSecrets.PASSWORD_KEY))))));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return JSON.readTree(login.body()).path("access_token").asText();
  }

  /** Sends from this host once kube-proxy routes the Service (see RealNodePods). */
  HttpResponse<String> send(HttpRequest.Builder request) {
    return RealNodePods.sendWhenRouted(
        http, request.timeout(Duration.ofSeconds(20)).build(), endpoints);
  }

  static String decoded(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
