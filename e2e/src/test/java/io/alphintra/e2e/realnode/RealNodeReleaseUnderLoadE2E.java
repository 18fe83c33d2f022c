package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.StrategyPhase;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterProviders;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.OperatorChart;
import io.alphintra.e2e.platform.PlatformImages;
import io.alphintra.operator.broker.model.BrokerNames;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.environment.model.AuthServiceSecrets;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.PlatformService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
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
 * Releases under live trading, on the offline cluster's real node: the operator from its Helm chart
 * (two replicas, a leader on a Lease), a Staging TradingEnvironment (two pods per service,
 * NetworkPolicies, blue-green with automatic promotion and rollback) on a PostgreSQL of its own, a
 * Simulator connection, a Live strategy trading, and {@link OrderLoad} in its own JVM placing and
 * cancelling orders through trading-api's active Service at a fixed rate, retrying as a client
 * does. Then: a new version (trading-api rebuilt with another version string, which its {@code
 * /actuator/info} shows) is promoted; a bad one (its pods never Ready) is aborted; and the operator
 * leader's pod is killed in the middle of a third release, which completes. Over the whole run: no
 * client request failed, every clientOrderId is once in trading-api and once on the venue,
 * positions are the sums of the fills, the strategy never ran twice, and the active Services never
 * selected an unready color (from a watch). The numbers go to {@code
 * target/release-under-load/report.txt}.
 *
 * <p>Needs root and the images ({@code ./mvnw -Pimages -DskipTests package}, {@code
 * e2e/toolchain/postgres-image.sh}); the test builds trading-api's 0.1.1 image itself (a Jib build
 * of the same classes with {@code -Dimage.version=0.1.1} and the build info saying so).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RealNodePods.NODE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeReleaseUnderLoadE2E {
  private static final String CONNECTION = StagingPlatform.CONNECTION;
  private static final String STRATEGY = StagingPlatform.STRATEGY;
  private static final String LOAD_ACCOUNT = "load";
  private static final String SYMBOL = StagingPlatform.SYMBOL;
  private static final double ORDERS_PER_SECOND = 5;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(8);
  private static final Duration ROLLOUT_TIMEOUT = StagingPlatform.ROLLOUT_TIMEOUT;
  private static final List<String> SERVICE_IMAGES =
      List.of(
          "auth-service", "trading-api", "broker-simulator", "broker-connector", "strategy-engine");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path OUTPUT = Path.of("target/release-under-load").toAbsolutePath();

  private static Cluster cluster;
  private static TestNamespace operatorNamespace;
  private static TestNamespace namespace;
  private static StagingPlatform staging;
  private static ActiveServiceWatch selectors;
  private static ContainerTerminations terminations;
  private static MetricsSampler metrics;
  private static EngineSampler engines;
  private static VenueOrders venue;
  private static Process load;
  private static final List<Map.Entry<String, Instant>> marks = new CopyOnWriteArrayList<>();
  private static final Map<String, String> numbers = new LinkedHashMap<>();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension static final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @RegisterExtension
  static final DumpOnFailure dumpOperator = new DumpOnFailure(() -> operatorNamespace);

  @BeforeAll
  static void tradingUnderLoad() throws Exception {
    Toolchain toolchain = Toolchain.locate();
    PlatformImages images = new PlatformImages(toolchain);
    assertThat(images.missingReason()).isEmpty();
    Files.createDirectories(OUTPUT);
    Path release = StagingPlatform.releaseImage(toolchain, OUTPUT);
    List<Path> tars = new ArrayList<>(images.all());
    tars.add(release);

    long started = System.nanoTime();
    cluster = ClusterProviders.start("release", EnumSet.of(ProviderKind.REAL_NODE));
    cluster.importImages(tars);
    io.alphintra.e2e.platform.Platform.installCrds(cluster);
    operatorNamespace = TestNamespace.create(cluster, "operator");
    RealNodePods.enforceRestricted(cluster.client(), operatorNamespace.name());
    OperatorChart chart = new OperatorChart(cluster);
    chart.install(
        operatorNamespace.name(), Map.of("replicas", "2", "postgresImage", images.postgresImage()));
    chart.awaitReady(operatorNamespace.name(), 2, READY_TIMEOUT);

    TestNamespace database = TestNamespace.create(cluster, "releasedb");
    String databaseUrl =
        StagingDatabase.start(
            cluster.client(), database.name(), images.postgresImage(), READY_TIMEOUT);
    namespace = TestNamespace.create(cluster, "release");
    RealNodePods.enforceRestricted(cluster.client(), namespace.name());
    staging = new StagingPlatform(cluster, operatorNamespace.name(), namespace.name());
    terminations = new ContainerTerminations(cluster.client(), namespace.name());
    await("a leader").atMost(READY_TIMEOUT).until(() -> staging.leaseHolder() != null);
    staging.createEnvironment(databaseUrl);
    await("the Staging environment Ready")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                StagingPlatform.ready(
                    staging.environment() == null || staging.environment().getStatus() == null
                        ? null
                        : staging.environment().getStatus().conditions()));
    staging.createConnection();
    await("the connection Ready")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                StagingPlatform.ready(
                    staging.connection().getStatus() == null
                        ? null
                        : staging.connection().getStatus().conditions()));

    String admin = staging.adminToken();
    for (Map<String, String> account :
        List.of(
            Map.of(
                "id", STRATEGY,
                "ownerType", "STRATEGY",
                "ownerId", STRATEGY,
                "brokerConnection", CONNECTION),
            Map.of(
                "id",
                LOAD_ACCOUNT,
                "ownerType",
                "USER",
                "ownerId",
                AuthServiceSecrets.ADMIN_USERNAME,
                "brokerConnection",
                CONNECTION))) {
      HttpResponse<String> created =
          staging.send(
              HttpRequest.newBuilder(staging.tradingApi("/api/v1/accounts"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + admin)
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(account))));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    staging.createStrategy();
    await("the Live strategy trading")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              Strategy s = staging.strategy();
              return s.getStatus() != null
                  && s.getStatus().phase() == StrategyPhase.Running
                  && s.getStatus().ordersToday() != null
                  && s.getStatus().ordersToday() > 0;
            });
    numbers.put("setup (cluster, images, operator, environment, strategy)", seconds(started));

    TradingEnvironment te = staging.environment();
    selectors =
        new ActiveServiceWatch(
            cluster.client(),
            namespace.name(),
            Arrays.stream(PlatformService.values())
                .map(service -> EnvironmentNames.activeService(te, service))
                .toList(),
            Labels.COLOR);
    engines = new EngineSampler(cluster.client(), namespace.name(), STRATEGY);
    venue =
        new VenueOrders(
            cluster.client(),
            namespace.name(),
            BrokerNames.simulator(staging.connection()),
            BrokerNames.simulatorCredentials(staging.connection()),
            SYMBOL);
    metrics =
        new MetricsSampler(
            cluster.client(),
            namespace.name(),
            List.of("sim-connector", "sim-simulator", "staging-trading-api"),
            List.of(
                "broker_ratelimit",
                "broker_venue_latency_seconds_max",
                "jvm_gc_pause_seconds_max",
                "jvm_gc_pause_seconds_sum",
                "trading_placement_in_flight",
                "process_cpu_usage"),
            OUTPUT.resolve("metrics.txt"));
    load = startLoad();
    mark("load started");
    awaitOperations(60);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (load != null && load.isAlive()) {
      load.destroyForcibly();
    }
    for (AutoCloseable watcher :
        new AutoCloseable[] {selectors, engines, venue, terminations, metrics}) {
      if (watcher != null) {
        watcher.close();
      }
    }
    if (cluster != null) {
      savePodLogs();
      cluster.close();
    }
  }

  /**
   * Every pod's log in the platform's namespace, to {@code target/release-under-load/pods/}: what
   * the numbers of a run (a stall, a retry) are read against.
   */
  private static void savePodLogs() {
    if (namespace == null) {
      return;
    }
    try {
      Path dir = Files.createDirectories(OUTPUT.resolve("pods"));
      for (Pod pod : cluster.client().pods().inNamespace(namespace.name()).list().getItems()) {
        String name = pod.getMetadata().getName();
        try {
          Files.writeString(
              dir.resolve(name + ".log"),
              cluster.client().pods().inNamespace(namespace.name()).withName(name).getLog());
        } catch (RuntimeException e) {
          System.out.println("no log of pod " + name + ": " + e.getMessage());
        }
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip != null) {
          // The JVM's GC pauses and the HTTP timings, from the service's own metrics.
          try {
            HttpResponse<String> metrics =
                http.send(
                    HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (metrics.statusCode() == 200) {
              Files.writeString(dir.resolve(name + ".prom"), metrics.body());
            }
          } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("no metrics of pod " + name + ": " + e);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      System.out.println("pod logs not saved: " + e);
    }
  }

  @Test
  @Order(1)
  void aNewVersionIsPromotedAutomaticallyUnderLoad() throws Exception {
    // Every image at 0.1.1; trading-api's is the rebuilt one, imported as 0.1.1 already.
    staging.tagOnNode(
        SERVICE_IMAGES.stream()
            .filter(name -> !name.equals("trading-api"))
            .map(name -> Map.entry(staging.image(name, "0.1.0"), staging.image(name, "0.1.1")))
            .toList());
    mark("0.1.1 released");
    staging.setVersion("0.1.1");
    staging.awaitRollout("0.1.1", RolloutPhase.Completed);
    mark("0.1.1 completed");

    TradingEnvironment te = staging.environment();
    assertThat(te.getStatus().activeVersion()).isEqualTo("0.1.1");
    String admin = staging.adminToken();
    for (Pod pod :
        staging.readyPods(
            EnvironmentNames.deployment(
                te, PlatformService.TRADING_API, te.getStatus().activeColor()))) {
      // trading-api's /actuator/info needs a token (only health and prometheus are open).
      HttpResponse<String> info =
          staging.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + pod.getStatus().getPodIP() + ":8080/actuator/info"))
                  .header("Authorization", "Bearer " + admin));
      assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
      assertThat(JSON.readTree(info.body()).path("build").path("image").path("version").asText())
          .as("/actuator/info of %s: %s", pod.getMetadata().getName(), info.body())
          .isEqualTo("0.1.1");
      numbers.put("/actuator/info of " + pod.getMetadata().getName(), info.body());
    }
    awaitOperations(countResults() + 30);
  }

  @Test
  @Order(2)
  void aVersionWhosePodsNeverBecomeReadyIsRolledBackAutomatically() throws IOException {
    String pause =
        staging
            .ctr("images", "ls", "-q")
            .lines()
            .filter(ref -> ref.contains("/pause:"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no pause image on the node"));
    // The environment's services at 0.1.2 start and never answer; the others are good images.
    staging.tagOnNode(
        SERVICE_IMAGES.stream()
            .map(
                name ->
                    Map.entry(
                        name.equals("auth-service") || name.equals("trading-api")
                            ? pause
                            : staging.image(name, "0.1.1"),
                        staging.image(name, "0.1.2")))
            .toList());
    mark("0.1.2 released");
    staging.setVersion("0.1.2");
    RolloutStatus failed =
        await("0.1.2 rolled back")
            .atMost(ROLLOUT_TIMEOUT)
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> staging.environment().getStatus().rollout(),
                r ->
                    r != null
                        && "0.1.2".equals(r.toVersion())
                        && (r.phase() == RolloutPhase.Aborted
                            || r.phase() == RolloutPhase.RolledBack));
    mark("0.1.2 rolled back");
    numbers.put("0.1.2 outcome", failed.phase() + ": " + failed.message());
    assertThat(staging.environment().getStatus().activeVersion()).isEqualTo("0.1.1");
    awaitOperations(countResults() + 30);
  }

  @Test
  @Order(3)
  void killingTheOperatorLeaderInTheMiddleOfARolloutDoesNotStopIt() throws IOException {
    staging.tagOnNode(
        SERVICE_IMAGES.stream()
            .map(name -> Map.entry(staging.image(name, "0.1.1"), staging.image(name, "0.1.3")))
            .toList());
    String leader = staging.leaseHolder();
    mark("0.1.3 released");
    staging.setVersion("0.1.3");
    RolloutStatus middle =
        await("0.1.3 in the middle of its rollout")
            .atMost(ROLLOUT_TIMEOUT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> staging.environment().getStatus().rollout(),
                r ->
                    r != null
                        && "0.1.3".equals(r.toVersion())
                        && (r.phase() == RolloutPhase.Stabilizing
                            || r.phase() == RolloutPhase.Checking));
    cluster.client().pods().inNamespace(operatorNamespace.name()).withName(leader).delete();
    mark("operator leader killed");
    numbers.put("0.1.3: leader killed in phase", String.valueOf(middle.phase()));
    await("another leader")
        .atMost(ROLLOUT_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> staging.leaseHolder() != null && !leader.equals(staging.leaseHolder()));
    mark("new leader");
    staging.awaitRollout("0.1.3", RolloutPhase.Completed);
    mark("0.1.3 completed");
    assertThat(staging.environment().getStatus().activeVersion()).isEqualTo("0.1.3");
    awaitOperations(countResults() + 30);
  }

  @Test
  @Order(4)
  void overTheWholeRunNothingWasLostDoubledOrServedUnready() throws Exception {
    load.getOutputStream().close();
    assertThat(load.waitFor(3, TimeUnit.MINUTES)).as("the load generator stopped").isTrue();
    mark("load stopped");
    List<JsonNode> lines = loadLines();
    assertThat(lines.getLast().path("kind").asText()).isEqualTo("done");
    List<JsonNode> results = lines.stream().filter(l -> "result".equals(kind(l))).toList();
    List<JsonNode> attempts = lines.stream().filter(l -> "attempt".equals(kind(l))).toList();
    List<JsonNode> failed = results.stream().filter(r -> !r.path("ok").asBoolean()).toList();
    long retried = results.stream().filter(r -> r.path("attempts").asInt() > 1).count();
    numbers.put("client operations (place + cancel)", String.valueOf(results.size()));
    numbers.put("  places", String.valueOf(count(results, "place")));
    numbers.put("  cancels", String.valueOf(count(results, "cancel")));
    numbers.put("HTTP requests sent (with retries)", String.valueOf(attempts.size()));
    numbers.put("operations that needed a retry", String.valueOf(retried));
    numbers.put(
        "attempts not answered with success, by answer",
        attempts.stream()
            .filter(a -> !a.path("result").asText().startsWith("20"))
            .collect(
                Collectors.groupingBy(
                    a -> (a.path("result").asText() + " " + a.path("reason").asText("")).trim(),
                    TreeMap::new,
                    Collectors.counting()))
            .toString());
    numbers.put(
        "retries by first answer",
        attempts.stream()
            .filter(a -> a.path("attempt").asInt() == 1)
            .filter(
                a -> results.stream().anyMatch(r -> same(r, a) && r.path("attempts").asInt() > 1))
            .collect(
                Collectors.groupingBy(
                    a -> (a.path("result").asText() + " " + a.path("reason").asText("")).trim(),
                    TreeMap::new,
                    Collectors.counting()))
            .toString());
    numbers.put("failed operations", String.valueOf(failed.size()));
    latencies(results);
    switchTimes();

    selectors.close();
    engines.close();
    String admin = staging.adminToken();
    List<JsonNode> loadOrders = orders(LOAD_ACCOUNT, admin);
    List<JsonNode> liveOrders = orders(STRATEGY, admin);
    venue.readAll();
    venue.close();

    // Every placement the client made is exactly one order of trading-api.
    Set<String> placed =
        results.stream()
            .filter(r -> "place".equals(r.path("op").asText()))
            .map(r -> r.path("clientOrderId").asText())
            .collect(Collectors.toSet());
    Map<String, Long> inTradingApi =
        loadOrders.stream()
            .collect(
                Collectors.groupingBy(
                    o -> o.path("clientOrderId").asText(), Collectors.counting()));
    numbers.put(
        "orders in trading-api (load / live)", loadOrders.size() + " / " + liveOrders.size());
    numbers.put(
        "load orders by status",
        String.valueOf(
            loadOrders.stream()
                .collect(
                    Collectors.groupingBy(
                        o -> o.path("status").asText(), TreeMap::new, Collectors.counting()))));
    numbers.put(
        "load orders rejected, by reason",
        String.valueOf(
            loadOrders.stream()
                .filter(o -> "REJECTED".equals(o.path("status").asText()))
                .collect(
                    Collectors.groupingBy(
                        o -> o.path("rejectReason").asText(),
                        TreeMap::new,
                        Collectors.counting()))));
    // Venue: each trading-api order that reached it, by the id trading-api sent (its order id).
    Map<String, Integer> onVenue = new HashMap<>();
    for (VenueOrders.Incarnation incarnation : venue.incarnations()) {
      incarnation.orders().values().forEach(id -> onVenue.merge(id, 1, Integer::sum));
    }
    List<String> missingOnVenue = new ArrayList<>();
    List<String> twiceOnVenue = new ArrayList<>();
    int checked = 0;
    int unreadable = 0;
    for (JsonNode order : concat(loadOrders, liveOrders)) {
      if (order.path("venueOrderId").isNull() || order.path("venueOrderId").isMissingNode()) {
        continue;
      }
      String venueId = order.path("orderId").asText().replace("-", "");
      int seen = onVenue.getOrDefault(venueId, 0);
      if (seen > 1) {
        twiceOnVenue.add(order.path("clientOrderId").asText());
      }
      if (readBeforeItsVenueWentAway(Instant.parse(order.path("createdAt").asText()))) {
        checked++;
        if (seen == 0) {
          missingOnVenue.add(order.path("clientOrderId").asText() + " " + order);
        }
      } else {
        unreadable++;
      }
    }
    numbers.put(
        "venue: simulator incarnations / orders read / trading-api orders checked / not"
            + " checkable (placed in the last read's gap before a venue restart)",
        venue.incarnations().size()
            + " / "
            + onVenue.size()
            + " / "
            + checked
            + " / "
            + unreadable);
    numbers.put(
        "active-Service samples (watch events)", String.valueOf(selectors.samples().size()));
    numbers.put(
        "strategy engine samples / most RUNNING at once",
        engines.samples() + " / " + engines.maxActive());

    report();

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(failed).as("client operations that failed after their retries").isEmpty();
    softly.assertThat(inTradingApi.keySet()).as("orders in trading-api").containsAll(placed);
    softly.assertThat(inTradingApi.values()).as("orders per clientOrderId").allMatch(n -> n == 1);
    softly.assertThat(twiceOnVenue).as("orders twice on the venue").isEmpty();
    softly
        .assertThat(missingOnVenue)
        .as("orders trading-api has that the venue never had")
        .isEmpty();
    softly.assertThat(venue.conflicts()).isEmpty();
    softly.assertThat(checked).isGreaterThan(placed.size() / 2);
    for (String account : List.of(LOAD_ACCOUNT, STRATEGY)) {
      softly.check(
          () ->
              await("positions of " + account + " equal to the sum of its fills")
                  .atMost(Duration.ofMinutes(1))
                  .pollInterval(Duration.ofSeconds(1))
                  .untilAsserted(() -> assertPositionIsSumOfFills(account, admin)));
    }
    softly.assertThat(engines.samples()).isGreaterThan(100);
    softly
        .assertThat(engines.maxActive())
        .as("engines RUNNING at once (%s)", engines.worst())
        .isEqualTo(1);
    // Traffic moves only to a color that is all Ready. Once live, a color may have a pod not Ready
    // for a while (the autoscaler adding one under the load, a probe missed): the Service's
    // endpoints leave it out, and the operator cannot prevent it.
    List<ActiveServiceWatch.Switch> unready =
        selectors.switches().stream().filter(s -> !s.toReady()).toList();
    softly.assertThat(selectors.samples()).hasSizeGreaterThan(50);
    softly.assertThat(selectors.switches()).isNotEmpty();
    softly.assertThat(unready).as("a Service switched to a color not all Ready").isEmpty();
    report();
    softly.assertAll();
  }

  // ---- the run's numbers

  private static void latencies(List<JsonNode> results) {
    for (int i = 0; i < marks.size(); i++) {
      Instant from = marks.get(i).getValue();
      Instant to = i + 1 < marks.size() ? marks.get(i + 1).getValue() : Instant.MAX;
      List<Long> micros =
          results.stream()
              .filter(r -> !Instant.ofEpochMilli(r.path("at").asLong()).isBefore(from))
              .filter(r -> Instant.ofEpochMilli(r.path("at").asLong()).isBefore(to))
              .map(r -> r.path("micros").asLong())
              .sorted()
              .toList();
      if (micros.isEmpty()) {
        continue;
      }
      numbers.put(
          "latency from \"" + marks.get(i).getKey() + "\"",
          String.format(
              "%d ops, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
              micros.size(),
              micros.get(micros.size() / 2) / 1000.0,
              micros.get(Math.min(micros.size() - 1, (int) Math.ceil(micros.size() * 0.99) - 1))
                  / 1000.0,
              micros.getLast() / 1000.0));
    }
  }

  private static void switchTimes() {
    for (ActiveServiceWatch.Switch s : selectors.switches()) {
      Map.Entry<String, Instant> released =
          marks.stream()
              .filter(m -> m.getKey().endsWith("released") && !m.getValue().isAfter(s.at()))
              .reduce((a, b) -> b)
              .orElse(null);
      numbers.put(
          "switch " + s.service() + " " + s.from() + "->" + s.to() + " at " + s.at(),
          released == null
              ? "?"
              : Duration.between(released.getValue(), s.at()).toMillis()
                  + " ms after \""
                  + released.getKey()
                  + "\"");
    }
  }

  private static void report() throws IOException {
    StringBuilder text = new StringBuilder("release under load\n");
    marks.forEach(
        m -> text.append("mark ").append(m.getValue()).append(" ").append(m.getKey()).append('\n'));
    numbers.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    if (terminations != null) {
      terminations.terminations().forEach(t -> text.append("container ").append(t).append('\n'));
    }
    Files.writeString(OUTPUT.resolve("report.txt"), text);
    System.out.print(text);
  }

  // ---- assertions' helpers

  /**
   * Whether the venue holding an order placed at {@code created} was read completely after it: the
   * simulator alive then (started before) had a complete read at least 2 s later.
   */
  private static boolean readBeforeItsVenueWentAway(Instant created) {
    return venue.incarnations().stream()
        .anyMatch(
            i ->
                i.started().isBefore(created)
                    && i.lastRead()[0] != null
                    && i.lastRead()[0].isAfter(created.plusSeconds(2)));
  }

  private static void assertPositionIsSumOfFills(String account, String admin) throws Exception {
    List<JsonNode> fills = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode batch =
          getJson("/api/v1/accounts/" + account + "/fills?size=500&page=" + page, admin);
      batch.forEach(fills::add);
      if (batch.size() < 500) {
        break;
      }
    }
    BigDecimal sum =
        fills.stream()
            .map(
                f ->
                    new BigDecimal(f.path("quantity").asText())
                        .multiply(
                            "SELL".equals(f.path("side").asText())
                                ? BigDecimal.ONE.negate()
                                : BigDecimal.ONE))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal position = BigDecimal.ZERO;
    for (JsonNode p : getJson("/api/v1/accounts/" + account + "/positions", admin)) {
      if (SYMBOL.equals(p.path("symbol").asText())) {
        position = new BigDecimal(p.path("quantity").asText());
      }
    }
    BigDecimal filled =
        orders(account, admin).stream()
            .map(
                o ->
                    new BigDecimal(o.path("filledQuantity").asText())
                        .multiply(
                            "SELL".equals(o.path("side").asText())
                                ? BigDecimal.ONE.negate()
                                : BigDecimal.ONE))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    numbers.put(
        "position / sum of fills / sum of orders' filled of " + account,
        position.toPlainString()
            + " / "
            + sum.toPlainString()
            + " / "
            + filled.toPlainString()
            + " ("
            + fills.size()
            + " fills)");
    assertThat(position).as("position of %s", account).isEqualByComparingTo(sum);
    assertThat(filled).as("orders' filled quantities of %s", account).isEqualByComparingTo(sum);
  }

  private static List<JsonNode> orders(String account, String admin) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode batch =
          getJson("/api/v1/accounts/" + account + "/orders?size=500&page=" + page, admin);
      batch.forEach(all::add);
      if (batch.size() < 500) {
        return all;
      }
    }
  }

  private static JsonNode getJson(String path, String bearer) throws Exception {
    HttpResponse<String> response =
        staging.send(
            HttpRequest.newBuilder(staging.tradingApi(path))
                .header("Authorization", "Bearer " + bearer));
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static long count(List<JsonNode> results, String op) {
    return results.stream().filter(r -> op.equals(r.path("op").asText())).count();
  }

  private static boolean same(JsonNode result, JsonNode attempt) {
    return result.path("op").asText().equals(attempt.path("op").asText())
        && result.path("clientOrderId").asText().equals(attempt.path("clientOrderId").asText());
  }

  private static String kind(JsonNode line) {
    return line.path("kind").asText();
  }

  // ---- the load

  private static Process startLoad() throws IOException {
    TradingEnvironment te = staging.environment();
    Secret admin =
        cluster
            .client()
            .secrets()
            .inNamespace(namespace.name())
            .withName(EnvironmentNames.authAdminSecret(te))
            .get();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            OrderLoad.class.getName(),
            staging.tradingApi("/").toString(),
            staging.service(PlatformService.AUTH_SERVICE, "/").toString(),
            LOAD_ACCOUNT,
            String.valueOf(ORDERS_PER_SECOND),
            OUTPUT.resolve("load.jsonl").toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(OUTPUT.resolve("load.log").toFile());
    builder
        .environment()
        .put("LOAD_USERNAME", staging.decoded(admin, AuthServiceSecrets.USERNAME_KEY));
    builder
        .environment()
        .put("LOAD_PASSWORD", staging.decoded(admin, AuthServiceSecrets.PASSWORD_KEY));
    return builder.start();
  }

  private static List<JsonNode> loadLines() throws IOException {
    Path file = OUTPUT.resolve("load.jsonl");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private static long countResults() throws IOException {
    return loadLines().stream().filter(l -> "result".equals(kind(l))).count();
  }

  /** Waits until the load has finished {@code operations} operations (it must be running). */
  private static void awaitOperations(long operations) {
    await("the load at " + operations + " operations")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertThat(load.isAlive()).as("the load generator runs").isTrue();
              return countResults() >= operations;
            });
  }

  private static void mark(String what) {
    marks.add(Map.entry(what, Instant.now()));
    System.out.printf("release under load: %s at %s%n", what, Instant.now());
  }

  private static String seconds(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toSeconds() + " s";
  }
}
