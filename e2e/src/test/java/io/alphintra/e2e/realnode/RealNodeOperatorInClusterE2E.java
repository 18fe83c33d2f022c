package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.NetworkPolicySpec;
import io.alphintra.api.v1alpha1.RateLimits;
import io.alphintra.api.v1alpha1.SimulatedMarket;
import io.alphintra.api.v1alpha1.SimulatorSpec;
import io.alphintra.api.v1alpha1.Tier;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.api.v1alpha1.TradingEnvironmentSpec;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterProviders;
import io.alphintra.e2e.cluster.DumpOnFailure;
import io.alphintra.e2e.cluster.ProviderKind;
import io.alphintra.e2e.cluster.TestNamespace;
import io.alphintra.e2e.cluster.Toolchain;
import io.alphintra.e2e.platform.OperatorChart;
import io.alphintra.operator.broker.model.BrokerNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
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
 * The operator as it ships: its Jib image installed by its Helm chart ({@code helm install}, the
 * chart's CRDs and RBAC, nothing else) onto the offline cluster's real node, two replicas electing
 * a leader on a Lease, in a namespace enforcing the restricted Pod Security Standard. The leader
 * reconciles a Simulator BrokerConnection into real pods; deleting the leader's pod hands the Lease
 * to another replica, which acts on the next spec change; the operator's /metrics is scraped
 * through its Service from inside the cluster. The class owns its cluster and tears it down.
 *
 * <p>Needs root and the images: {@code ./mvnw -Pimages -pl
 * operator,trading-services/broker-simulator,trading-services/broker-connector -am package
 * -DskipTests}.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RealNodePods.NODE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeOperatorInClusterE2E {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String RELEASE = OperatorChart.RELEASE;
  private static final String DEPLOYMENT = OperatorChart.DEPLOYMENT;
  private static final String LEASE = "alphintra-operator";
  private static final String CONNECTION = "sim";
  private static final List<String> IMAGES =
      List.of("operator", "trading-services/broker-simulator", "trading-services/broker-connector");

  private static HostState hostBefore;
  private static Cluster cluster;
  private static Path clusterDir;
  private static TestNamespace operatorNamespace;
  private static TestNamespace namespace;

  @RegisterExtension static final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @RegisterExtension
  static final DumpOnFailure dumpOperator = new DumpOnFailure(() -> operatorNamespace);

  @BeforeAll
  static void installTheChartOnARealNode() {
    Toolchain toolchain = Toolchain.locate();
    List<Path> images =
        IMAGES.stream()
            .map(module -> toolchain.repoRoot().resolve(module + "/target/jib-image.tar"))
            .toList();
    for (Path image : images) {
      assertThat(Files.isRegularFile(image))
          .as(
              "image tar %s; build it: ./mvnw -Pimages -pl operator,trading-services/broker-simulator,"
                  + "trading-services/broker-connector -am package -DskipTests",
              image)
          .isTrue();
    }
    hostBefore = HostState.capture();
    cluster = ClusterProviders.start("operator", EnumSet.of(ProviderKind.REAL_NODE));
    clusterDir = cluster.kubeconfig().getParent();
    cluster.importImages(images);
    operatorNamespace = TestNamespace.create(cluster, "operator");
    RealNodePods.enforceRestricted(cluster.client(), operatorNamespace.name());
    namespace = TestNamespace.create(cluster, "incluster");
    RealNodePods.enforceRestricted(cluster.client(), namespace.name());

    long started = System.nanoTime();
    Toolchain.Result installed =
        new OperatorChart(cluster)
            .helm(
                "install",
                RELEASE,
                toolchain.repoRoot().resolve("helm/alphintra-operator").toString(),
                "--namespace",
                operatorNamespace.name(),
                "--set",
                "replicas=2");
    assertThat(installed.ok()).as(installed.stderr()).isTrue();
    System.out.printf(
        "operator in cluster: helm install returned in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void bothReplicasBecomeReadyUnderTheRestrictedStandardAndOneHoldsTheLease() {
    List<Pod> pods = awaitReadyOperatorPods();

    for (Pod pod : pods) {
      assertThat(pod.getSpec().getNodeName()).isEqualTo("real-node");
      assertThat(pod.getStatus().getContainerStatuses().getFirst().getContainerID())
          .startsWith("containerd://");
      assertThat(pod.getSpec().getContainers().getFirst().getImage())
          .isEqualTo("ghcr.io/alphintra/alphintra-operator:0.1.0");
      System.out.printf(
          "operator in cluster: pod %s Ready %d s after its creation (container started %d s"
              + " after)%n",
          pod.getMetadata().getName(),
          secondsBetween(pod.getMetadata().getCreationTimestamp(), RealNodePods.readySince(pod)),
          secondsBetween(
              pod.getMetadata().getCreationTimestamp(),
              pod.getStatus()
                  .getContainerStatuses()
                  .getFirst()
                  .getState()
                  .getRunning()
                  .getStartedAt()));
    }
    for (Pod pod : pods) {
      // "2026-11-30 14:13:29,425 INFO  [main] io.alphintra.operator.OperatorMain - Alphintra
      // operator started: ..." (the log's times are UTC, the pod's zone).
      // kubectl logs can fail once right after the node starts (see exec); awaited like the line.
      String started =
          await()
              .atMost(TIMEOUT)
              .pollInterval(Duration.ofSeconds(1))
              .until(() -> startedLine(pod), line -> line != null);
      Instant at =
          Instant.parse(started.substring(0, 23).replace(' ', 'T').replace(',', '.') + "Z");
      System.out.printf(
          "operator in cluster: pod %s logged \"Alphintra operator started\" %d ms after its"
              + " container started%n",
          pod.getMetadata().getName(),
          Duration.between(
                  Instant.parse(
                      pod.getStatus()
                          .getContainerStatuses()
                          .getFirst()
                          .getState()
                          .getRunning()
                          .getStartedAt()),
                  at)
              .toMillis());
    }
    Toolchain.Result id = exec(pods.getFirst(), "id", "-u");
    assertThat(id.stdout().strip()).isEqualTo("65532");

    String holder =
        await().atMost(TIMEOUT).until(RealNodeOperatorInClusterE2E::leaseHolder, h -> h != null);
    assertThat(pods).extracting(p -> p.getMetadata().getName()).contains(holder);
  }

  @Test
  @Order(2)
  void theLeaderReconcilesASimulatorConnectionIntoRealPods() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("dev").withNamespace(ns).build());
    // NetworkPolicies on: the operator's namespace must be admitted to the connector's health port.
    te.setSpec(
        new TradingEnvironmentSpec(
            Tier.Development,
            "0.1.0",
            null,
            null,
            null,
            null,
            new NetworkPolicySpec(true, null),
            null,
            null));
    client.resource(te).create();
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName(CONNECTION).withNamespace(ns).build());
    bc.setSpec(spec(null));
    client.resource(bc).create();

    awaitConnected(1L);
    for (String deployment : List.of(BrokerNames.simulator(bc), BrokerNames.connector(bc))) {
      Pod pod = RealNodePods.readyPod(cluster.client(), ns, deployment);
      assertThat(pod).as("Ready pod of %s", deployment).isNotNull();
      assertThat(pod.getSpec().getNodeName()).isEqualTo("real-node");
    }
    // Applied by the in-cluster operator: nothing else in this run writes as its field manager.
    Deployment connector =
        client.apps().deployments().inNamespace(ns).withName(BrokerNames.connector(bc)).get();
    assertThat(connector.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("alphintra-operator"));
  }

  @Test
  @Order(3)
  void metricsAreScrapedThroughTheServiceFromInsideTheCluster() {
    Pod from = awaitReadyOperatorPods().getFirst();
    String service = "alphintra-operator-metrics." + operatorNamespace.name() + ".svc";

    // bash's /dev/tcp: the base image has bash, no HTTP client.
    Toolchain.Result scraped =
        exec(
            from,
            "bash",
            "-c",
            "exec 3<>/dev/tcp/"
                + service
                + "/8080 && printf 'GET /metrics HTTP/1.0\\r\\nHost: "
                + service
                + "\\r\\n\\r\\n' >&3 && timeout 10 cat <&3");

    assertThat(scraped.stdout())
        .startsWith("HTTP/1.1 200")
        .contains("jvm_memory_bytes_used")
        .contains("alphintra_reconcile_duration_seconds");
  }

  @Test
  @Order(4)
  void deletingTheLeadersPodHandsTheLeaseToAnotherReplicaWhichActsOnTheNextChange() {
    KubernetesClient client = cluster.client();
    String leader = leaseHolder();
    List<String> others =
        awaitReadyOperatorPods().stream()
            .map(p -> p.getMetadata().getName())
            .filter(name -> !name.equals(leader))
            .toList();
    assertThat(others).hasSize(1);
    String standby = others.getFirst();

    Instant deleted = Instant.now();
    client.pods().inNamespace(operatorNamespace.name()).withName(leader).delete();
    // The change arrives while the Lease changes hands: whichever replica leads when it is
    // reconciled applies it; it is not lost.
    client
        .resources(BrokerConnection.class)
        .inNamespace(namespace.name())
        .withName(CONNECTION)
        .edit(
            bc -> {
              bc.setSpec(spec(new RateLimits(1200, null)));
              return bc;
            });

    // Any replica still running may take the Lease. Usually the standby does, at its next attempt
    // (2-4.4 s apart) after the leader released the Lease on shutdown. The deleted pod's
    // replacement may ask first, e.g. when the standby missed its renew deadline on a starved
    // machine and restarted (JOSDK's Lease: 15 s, renew deadline 10 s, retry 2 s).
    List<String> holders = new ArrayList<>();
    String successor =
        await()
            .atMost(TIMEOUT)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  String holder = leaseHolder();
                  String seen =
                      "+" + Duration.between(deleted, Instant.now()).toMillis() + " ms " + holder;
                  if (holders.isEmpty() || !holders.getLast().endsWith(" " + holder)) {
                    holders.add(seen);
                  }
                  return holder;
                },
                holder ->
                    holder != null && !holder.equals(leader) && runningReplicas().contains(holder));
    Instant newLeader = Instant.now();
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> connectorEnv("ALPHINTRA_BROKER_REQUEST_WEIGHT_PER_MINUTE"), "1200"::equals);
    Instant applied = Instant.now();
    awaitConnected(2L);
    Instant ready = Instant.now();
    System.out.printf(
        "operator in cluster: leader pod deleted -> %s (%s) holds the Lease after %d ms (holders"
            + " seen: %s) -> the spec change is applied to the connector's Deployment after %d"
            + " ms -> the connection reports generation 2 Ready and Connected (its new connector"
            + " pod up) after %d ms%n",
        successor,
        successor.equals(standby) ? "the standby" : "the deleted pod's replacement",
        Duration.between(deleted, newLeader).toMillis(),
        holders,
        Duration.between(deleted, applied).toMillis(),
        Duration.between(deleted, ready).toMillis());

    // The Deployment replaces the deleted pod; one of the two replicas holds the Lease.
    List<String> pods =
        awaitReadyOperatorPods().stream().map(p -> p.getMetadata().getName()).toList();
    assertThat(pods).doesNotContain(leader);
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(RealNodeOperatorInClusterE2E::leaseHolder, pods::contains);
  }

  @Test
  @Order(5)
  void theChartsRbacAllowedEverythingAndTeardownLeavesNothingOnTheHost() {
    for (Pod pod : awaitReadyOperatorPods()) {
      Toolchain.Result logs =
          cluster.kubectl(
              Duration.ofSeconds(30),
              "-n",
              operatorNamespace.name(),
              "logs",
              pod.getMetadata().getName());
      assertThat(logs.ok()).as(logs.stderr()).isTrue();
      assertThat(logs.stdout())
          .as("log of %s", pod.getMetadata().getName())
          .doesNotContain("forbidden");
    }
    // The in-cluster operator removes the environment's finalizer.
    namespace.deleteEnvironments(Duration.ofSeconds(60));
    assertThat(
            cluster
                .client()
                .resources(TradingEnvironment.class)
                .inNamespace(namespace.name())
                .list()
                .getItems())
        .isEmpty();

    cluster.close();

    assertThat(clusterDir).doesNotExist();
    assertThat(HostState.processesUnder(clusterDir)).as("processes of the cluster").isEmpty();
    assertThat(HostState.mountsUnder(clusterDir)).as("mounts of the cluster").isEmpty();
    assertThat(HostState.capture()).isEqualTo(hostBefore);
  }

  /** The chart's two replicas, both Ready (and no third, e.g. one still terminating). */
  private static List<Pod> awaitReadyOperatorPods() {
    return await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                cluster
                    .client()
                    .pods()
                    .inNamespace(operatorNamespace.name())
                    .withLabel("app.kubernetes.io/name", DEPLOYMENT)
                    .list()
                    .getItems(),
            pods ->
                pods.size() == 2
                    && pods.stream().allMatch(p -> RealNodePods.readySince(p) != null));
  }

  /** The names of the operator's pods not being deleted. */
  private static List<String> runningReplicas() {
    return cluster
        .client()
        .pods()
        .inNamespace(operatorNamespace.name())
        .withLabel("app.kubernetes.io/name", DEPLOYMENT)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName())
        .toList();
  }

  private static String leaseHolder() {
    Lease lease =
        cluster.client().leases().inNamespace(operatorNamespace.name()).withName(LEASE).get();
    if (lease == null || lease.getSpec().getHolderIdentity() == null) {
      return null;
    }
    String holder = lease.getSpec().getHolderIdentity();
    return holder.isEmpty() ? null : holder;
  }

  private static void awaitConnected(long generation) {
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              var status =
                  cluster
                      .client()
                      .resources(BrokerConnection.class)
                      .inNamespace(namespace.name())
                      .withName(CONNECTION)
                      .get()
                      .getStatus();
              assertThat(status).isNotNull();
              assertThat(status.observedGeneration()).isEqualTo(generation);
              for (String type : List.of("Ready", "Connected", "Authenticated")) {
                assertThat(status.conditions())
                    .as(type)
                    .anySatisfy(
                        c -> {
                          assertThat(c.type()).isEqualTo(type);
                          assertThat(String.valueOf(c.status())).isEqualTo("True");
                        });
              }
            });
  }

  private static String connectorEnv(String name) {
    Deployment connector =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(namespace.name())
            .withName(CONNECTION + "-connector")
            .get();
    return connector.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** The operator's "started" log line in {@code pod}, or null before it is logged. */
  private static String startedLine(Pod pod) {
    Toolchain.Result logs =
        cluster.kubectl(
            Duration.ofSeconds(30),
            "-n",
            pod.getMetadata().getNamespace(),
            "logs",
            pod.getMetadata().getName());
    return logs.stdout()
        .lines()
        .filter(line -> line.contains("Alphintra operator started"))
        .findFirst()
        .orElse(null);
  }

  private static Toolchain.Result exec(Pod pod, String... command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-n", pod.getMetadata().getNamespace(), "exec", pod.getMetadata().getName(), "--"));
    args.addAll(List.of(command));
    // The API server's first request to the kubelet after its client certificate was re-signed
    // can fail once with "use of closed network connection"; the next one opens a new connection.
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> cluster.kubectl(Duration.ofSeconds(30), args.toArray(String[]::new)),
            Toolchain.Result::ok);
  }

  private static BrokerConnectionSpec spec(RateLimits rateLimits) {
    return new BrokerConnectionSpec(
        new LocalObjectReference("dev"),
        BrokerType.Simulator,
        null,
        null,
        null,
        rateLimits,
        List.of("BTCUSDT"),
        1,
        new SimulatorSpec(
            List.of(new SimulatedMarket("BTCUSDT", "65000", "0.01", "0.00001", "60")),
            null,
            null,
            null));
  }

  private static long secondsBetween(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to)).toSeconds();
  }
}
