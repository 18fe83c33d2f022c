package io.alphintra.e2e.realnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.LocalObjectReference;
import io.alphintra.api.v1alpha1.NetworkPolicySpec;
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
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.broker.model.BrokerNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
 * A Simulator BrokerConnection on the offline cluster's real node: the operator (in this JVM)
 * deploys the broker-simulator and the broker-connector from the project's Jib images, which run as
 * real containers in a namespace enforcing the restricted Pod Security Standard; the connection's
 * conditions come from the connector's real health endpoint, {@code kubectl logs} and {@code
 * kubectl exec} reach the pods, and an order sent to the connector's Service fills on the
 * simulator. The class owns its cluster: the last test tears it down and checks the host is as
 * before.
 *
 * <p>Needs the images: {@code ./mvnw -Pimages -pl
 * trading-services/broker-simulator,trading-services/broker-connector -am package -DskipTests}.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(RealNodePods.NODE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeBrokerE2E {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final String CONNECTION = "sim";
  private static final List<String> IMAGES = List.of("broker-simulator", "broker-connector");

  private static HostState hostBefore;
  private static Cluster cluster;
  private static Path clusterDir;
  private static TestNamespace namespace;
  private static TestNamespace outsiders;
  private static OperatorMain operator;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @RegisterExtension static final DumpOnFailure dump = new DumpOnFailure(() -> namespace);

  @BeforeAll
  static void startRealNode() {
    Toolchain toolchain = Toolchain.locate();
    List<Path> images =
        IMAGES.stream()
            .map(
                name ->
                    toolchain
                        .repoRoot()
                        .resolve("trading-services/" + name + "/target/jib-image.tar"))
            .toList();
    for (Path image : images) {
      assertThat(image)
          .as(
              "image tar %s; build it: ./mvnw -Pimages -pl trading-services/broker-simulator,"
                  + "trading-services/broker-connector -am package -DskipTests",
              image)
          .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
    }
    hostBefore = HostState.capture();
    long started = System.nanoTime();
    cluster = ClusterProviders.start("realnode", EnumSet.of(ProviderKind.REAL_NODE));
    clusterDir = cluster.kubeconfig().getParent();
    System.out.printf(
        "real node: cluster up with the node Ready in %d ms; idle RSS of the cluster's processes"
            + " (etcd, API server, controller-manager, scheduler, kwok, containerd, kubelet,"
            + " kube-proxy): %d MiB%n",
        (System.nanoTime() - started) / 1_000_000, HostState.residentMebibytesUnder(clusterDir));
    long imported = System.nanoTime();
    cluster.importImages(images);
    System.out.printf(
        "real node: images imported in %d ms%n", (System.nanoTime() - imported) / 1_000_000);
    Platform.installCrds(cluster);
    namespace = TestNamespace.create(cluster, "realnode");
    RealNodePods.enforceRestricted(cluster.client(), namespace.name());
    operator =
        cluster.closeBeforeTeardown(
            Platform.startOperator(
                cluster,
                List.of(namespace.name()),
                RealNodePods.clusterIpEndpoints(cluster),
                Map.of()));
  }

  @AfterAll
  static void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void simulatorAndConnectorRunAsRestrictedRealPodsAndReportConnected() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    TradingEnvironment te = new TradingEnvironment();
    te.setMetadata(new ObjectMetaBuilder().withName("dev").withNamespace(ns).build());
    // NetworkPolicies on (Development defaults to off): the environment's default-deny graph and
    // the connection's own policies are enforced by kube-router on the node.
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
    Instant created = Instant.now();
    BrokerConnection bc = new BrokerConnection();
    bc.setMetadata(new ObjectMetaBuilder().withName(CONNECTION).withNamespace(ns).build());
    // No endpoints: the operator renders the simulator Service's name, which the connector
    // resolves through the node's cluster DNS (CoreDNS).
    bc.setSpec(spec());
    client.resource(bc).create();
    String simulatorService = BrokerNames.simulator(bc);

    // kwok's fake node stays for scale benchmarks, tainted so that real workloads never land there.
    assertThat(client.nodes().withLabel("type", "kwok").list().getItems())
        .isNotEmpty()
        .allSatisfy(
            node ->
                assertThat(node.getSpec().getTaints())
                    .anySatisfy(
                        taint -> {
                          assertThat(taint.getKey()).isEqualTo(Cluster.KWOK_NODE_ANNOTATION);
                          assertThat(taint.getEffect()).isEqualTo("NoSchedule");
                        }));

    Pod simulatorPod = RealNodePods.awaitReadyPod(client, ns, simulatorService, READY_TIMEOUT);
    Pod connectorPod =
        RealNodePods.awaitReadyPod(client, ns, BrokerNames.connector(bc), READY_TIMEOUT);
    for (Pod pod : List.of(simulatorPod, connectorPod)) {
      assertThat(pod.getSpec().getNodeName()).isEqualTo("real-node");
      assertThat(pod.getStatus().getContainerStatuses().getFirst().getContainerID())
          .startsWith("containerd://");
      System.out.printf(
          "real node: pod %s Ready %s s after its creation (BrokerConnection created %s s before"
              + " the pod)%n",
          pod.getMetadata().getName(),
          secondsBetween(pod.getMetadata().getCreationTimestamp(), RealNodePods.readySince(pod)),
          Duration.between(created, Instant.parse(pod.getMetadata().getCreationTimestamp()))
              .toSeconds());
    }

    await()
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(condition(client, ns, "Connected")).as("Connected").isEqualTo("True");
              assertThat(condition(client, ns, "Authenticated"))
                  .as("Authenticated")
                  .isEqualTo("True");
            });
    assertThat(
            client
                .resources(BrokerConnection.class)
                .inNamespace(ns)
                .withName(CONNECTION)
                .get()
                .getStatus()
                .resolvedEndpoint())
        .isEqualTo("http://" + simulatorService + ":8080");
  }

  @Test
  @Order(2)
  void kubectlLogsAndExecReachThePods() {
    String ns = namespace.name();
    String pod =
        RealNodePods.readyPod(cluster.client(), ns, BrokerNames.connector(connection()))
            .getMetadata()
            .getName();
    // The API server's first request to the kubelet after its client certificate was re-signed
    // (real-node.sh adds the kubernetes Service's address to it) can fail once with "use of
    // closed network connection"; the next one opens a new connection.
    Toolchain.Result logs =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> cluster.kubectl(Duration.ofSeconds(30), "-n", ns, "logs", pod),
                Toolchain.Result::ok);
    assertThat(logs.stdout()).contains("Started");
    Toolchain.Result exec =
        cluster.kubectl(Duration.ofSeconds(30), "-n", ns, "exec", pod, "--", "id", "-u");
    assertThat(exec.ok()).as(exec.stderr()).isTrue();
    assertThat(exec.stdout().strip()).isEqualTo("65532");
  }

  @Test
  @Order(3)
  void orderPlacedThroughTheConnectorServiceFillsOnTheSimulator() throws Exception {
    Service connector =
        cluster
            .client()
            .services()
            .inNamespace(namespace.name())
            .withName(BrokerNames.connector(connection()))
            .get();
    String base =
        "http://"
            + connector.getSpec().getClusterIP()
            + ":"
            + connector.getSpec().getPorts().getFirst().getPort()
            + "/api/v1/orders";
    HttpResponse<String> placed =
        http.send(
            HttpRequest.newBuilder(URI.create(base))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"clientOrderId\":\"e2e-real-node-1\",\"symbol\":\"BTCUSDT\",\"side\":\"BUY\","
                            + "\"type\":\"MARKET\",\"quantity\":\"0.00020\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // 20 lots: well inside the depth the simulator's liquidity providers quote, so it fills whole.
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    assertThat(placed.body()).contains("\"status\":\"FILLED\"");

    HttpResponse<String> onVenue =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/e2e-real-node-1?symbol=BTCUSDT"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(onVenue.statusCode()).as(onVenue.body()).isEqualTo(200);
    assertThat(onVenue.body())
        .contains("\"status\":\"FILLED\"")
        .containsPattern("\"executedQuantity\":\"0\\.0002(0*)\"");
  }

  /**
   * kube-router enforces the operator's NetworkPolicies: a pod outside the allow graph (in a
   * namespace of its own, whose egress nothing restricts) cannot open a connection to the connector
   * or the simulator, while the allowed edges work: the connector reaches the simulator by its
   * Service name (cluster DNS, then the simulator's ingress policy), and this host reaches the
   * connector (the order test and the operator's health polls).
   */
  @Test
  @Order(4)
  void networkPoliciesDropAPodOutsideTheAllowGraphAndLetTheAllowedEdgesThrough() {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    BrokerConnection bc = connection();
    Pod connector = RealNodePods.readyPod(client, ns, BrokerNames.connector(bc));
    Pod simulator = RealNodePods.readyPod(client, ns, BrokerNames.simulator(bc));
    outsiders = TestNamespace.create(cluster, "outsider");
    RealNodePods.enforceRestricted(client, outsiders.name());
    RealNodePods.startOutsider(
        cluster, outsiders.name(), connector.getSpec().getContainers().getFirst().getImage());

    // The policies exist once the environment and the connection are reconciled; kube-router
    // compiles them within its sync period: each probe waits for its expected state, bounded.
    String out = outsiders.name();
    RealNodePods.awaitProbe(
        cluster, out, "outsider", "10.0.0.1", 443, "open"); // the probe works: nothing guards this
    RealNodePods.awaitProbe(
        cluster, out, "outsider", connector.getStatus().getPodIP(), 8080, "closed");
    RealNodePods.awaitProbe(
        cluster, out, "outsider", serviceIp(ns, BrokerNames.connector(bc)), 8080, "closed");
    RealNodePods.awaitProbe(
        cluster, out, "outsider", simulator.getStatus().getPodIP(), 8080, "closed");
    // The allowed edge: the connector reaches the simulator by its Service name (cluster DNS).
    RealNodePods.awaitProbe(
        cluster, ns, connector.getMetadata().getName(), BrokerNames.simulator(bc), 8080, "open");
    // From this host (the kubelet's probes, the operator's health polls) the connector answers.
    assertThat(condition(client, ns, "Connected")).isEqualTo("True");

    assertThat(HostState.capture().ipsets())
        .as("kube-router's ipsets for the policies")
        .anyMatch(set -> set.startsWith("KUBE-SRC-") || set.startsWith("KUBE-DST-"));
  }

  /** metrics-server serves the connector pod's usage (what `kubectl top pod` and HPAs read). */
  @Test
  @Order(5)
  void metricsServerServesThePodsUsage() {
    String ns = namespace.name();
    String pod =
        RealNodePods.readyPod(cluster.client(), ns, BrokerNames.connector(connection()))
            .getMetadata()
            .getName();
    long started = System.nanoTime();
    String top =
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () -> {
                  Toolchain.Result r =
                      cluster.kubectl(
                          Duration.ofSeconds(30), "-n", ns, "top", "pod", pod, "--no-headers");
                  return r.ok() ? r.stdout().strip() : null;
                },
                out -> out != null && !out.isEmpty());
    System.out.printf(
        "real node: kubectl top pod answered %d ms after the test asked: %s%n",
        (System.nanoTime() - started) / 1_000_000, top);
    // NAME CPU(cores) MEMORY(bytes), e.g. "sim-connector-... 12m 180Mi": a Spring Boot JVM uses
    // tens of MiB at least.
    String[] columns = top.split("\\s+");
    assertThat(columns[0]).isEqualTo(pod);
    assertThat(columns[1]).matches("\\d+m");
    assertThat(columns[2]).matches("\\d+Mi");
    assertThat(Integer.parseInt(columns[2].replace("Mi", ""))).isGreaterThan(32);
  }

  @Test
  @Order(6)
  void teardownLeavesNothingOfTheNodeOnTheHost() {
    namespace.deleteEnvironments(Duration.ofSeconds(60));
    operator.close();
    long started = System.nanoTime();
    cluster.close();
    System.out.printf("real node: torn down in %d ms%n", (System.nanoTime() - started) / 1_000_000);

    assertThat(clusterDir).doesNotExist();
    assertThat(HostState.processesUnder(clusterDir)).as("processes of the cluster").isEmpty();
    assertThat(HostState.mountsUnder(clusterDir)).as("mounts of the cluster").isEmpty();
    assertThat(HostState.capture()).isEqualTo(hostBefore);
  }

  private static BrokerConnection connection() {
    return cluster
        .client()
        .resources(BrokerConnection.class)
        .inNamespace(namespace.name())
        .withName(CONNECTION)
        .get();
  }

  private static String serviceIp(String ns, String name) {
    return cluster
        .client()
        .services()
        .inNamespace(ns)
        .withName(name)
        .get()
        .getSpec()
        .getClusterIP();
  }

  private static BrokerConnectionSpec spec() {
    return new BrokerConnectionSpec(
        new LocalObjectReference("dev"),
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
            null));
  }

  private static long secondsBetween(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to)).toSeconds();
  }

  private static String condition(KubernetesClient client, String ns, String type) {
    var status =
        client
            .resources(BrokerConnection.class)
            .inNamespace(ns)
            .withName(CONNECTION)
            .get()
            .getStatus();
    if (status == null || status.conditions() == null) {
      return null;
    }
    return status.conditions().stream()
        .filter(c -> type.equals(c.type()))
        .map(c -> String.valueOf(c.status()))
        .findFirst()
        .orElse(null);
  }
}
