package io.alphintra.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.e2e.cluster.Cluster;
import io.alphintra.e2e.cluster.ClusterExtension;
import io.alphintra.e2e.platform.Platform;
import io.alphintra.operator.OperatorMain;
import io.alphintra.operator.common.Hashes;
import io.alphintra.operator.config.OperatorConfig;
import io.alphintra.operator.environment.model.AdmittedNamespaces;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentPlan;
import io.alphintra.operator.environment.model.EnvironmentResources;
import io.alphintra.operator.environment.model.ServiceWorkloads;
import io.alphintra.operator.environment.model.SteadyState;
import io.alphintra.operator.runtime.ChildApplier;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operator scale: a hundred Staging TradingEnvironments, one per namespace, created at once against
 * the in-process operator. Measures create → all children present, create → status Ready (pod
 * readiness on the fake nodes included), reconcile throughput from the operator's metrics, heap and
 * RSS at the end, and idle CPU once settled. Before the operator starts, the same children are
 * written directly ({@link RawWriteLimit}): the API server's own limit, which the operator's
 * throughput is reported against. Writes {@code target/bench/operator-scale.json}. Run with {@code
 * -Pbench} (see the README's Benchmarks).
 */
@ExtendWith(ClusterExtension.class)
class OperatorScaleBench {
  private static final String TE = "bench";
  private static final String DB_SECRET = "bench-db";
  private static final String RUN_LABEL = "alphintra.io/bench-run";

  /** Marks the namespaces of the raw write measurement, deleted before the operator starts. */
  private static final String RAW_LABEL = "alphintra.io/bench-raw";

  private static final int ENVIRONMENTS = Integer.getInteger("alphintra.bench.environments", 100);
  private static final int PARALLELISM = Integer.getInteger("alphintra.bench.parallelism", 10);
  private static final int APPLY_PARALLELISM =
      Integer.getInteger("alphintra.bench.apply-parallelism", 4);

  /**
   * Client threads writing the raw objects: as many writes at once as the operator can have in
   * flight (reconciles × applies per reconcile), so the limit is the API server's and the ratio
   * cannot flatter the operator.
   */
  private static final int RAW_PARALLELISM =
      Integer.getInteger("alphintra.bench.raw-parallelism", PARALLELISM * APPLY_PARALLELISM);

  private static final Duration IDLE_WINDOW =
      Duration.ofSeconds(Long.getLong("alphintra.bench.idle-seconds", 30));
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  /**
   * The children the benchmark waits for: every kind a Staging environment owns (no database of its
   * own).
   */
  private static final List<Class<? extends HasMetadata>> CHILD_KINDS =
      List.of(
          ServiceAccount.class,
          ConfigMap.class,
          Deployment.class,
          Service.class,
          HorizontalPodAutoscaler.class,
          PodDisruptionBudget.class,
          NetworkPolicy.class);

  private static final long CHILDREN_P99_TARGET_MS = 1_000;
  private static final long HEAP_TARGET_MB = 300;
  private static final double RAW_RATIO_TARGET = 0.9;

  @Test
  void hundredStagingEnvironmentsGetTheirChildrenWithinASecondAndSettleIdle(Cluster cluster)
      throws Exception {
    KubernetesClient client = cluster.client();
    Platform.installCrds(cluster);
    String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    String prefix = "bench-scale-" + run + "-";
    List<String> namespaces =
        IntStream.range(0, ENVIRONMENTS).mapToObj(i -> prefix + "%03d".formatted(i)).toList();
    // Staging: 2 pods per service, 2 services, 250m CPU each; 120 pods per extra node leaves
    // headroom.
    int nodes = (int) Math.ceil(ENVIRONMENTS * 4 / 120.0);
    try (ClusterHeadroom headroom = ClusterHeadroom.add(cluster, "bench-" + run, nodes, 120)) {
      try {
        prepareNamespaces(
            client,
            java.util.stream.Stream.concat(
                    namespaces.stream(), java.util.stream.Stream.of(prefix + "warmup"))
                .toList(),
            Map.of(RUN_LABEL, run),
            true);
        RawWriteLimit raw = measureRawWrites(client, run);
        measure(cluster, prefix, namespaces, headroom.nodes(), raw);
      } finally {
        deleteNamespaces(
            client, RUN_LABEL,
            run); // before the nodes go: their pods are deleted with the namespaces
      }
    }
  }

  /**
   * The API server's limit, before the operator starts: the children of every environment, built by
   * the operator's own model from the same TradingEnvironment (without the owner reference, whose
   * owner does not exist here), written directly into namespaces of their own; deleted, namespaces
   * and all, before the operator run.
   */
  private static RawWriteLimit measureRawWrites(KubernetesClient client, String run)
      throws Exception {
    List<String> rawNamespaces =
        IntStream.range(0, ENVIRONMENTS)
            .mapToObj(i -> "bench-raw-" + run + "-%03d".formatted(i))
            .toList();
    String warmup = "bench-raw-" + run + "-warmup";
    prepareNamespaces(
        client,
        java.util.stream.Stream.concat(rawNamespaces.stream(), java.util.stream.Stream.of(warmup))
            .toList(),
        Map.of(RUN_LABEL, run, RAW_LABEL, run),
        false);
    // The operator's own requests: its applier, whose replica count of a new Deployment is a second
    // apply.
    ChildApplier direct = new ChildApplier(client);
    ToIntFunction<HasMetadata> write =
        child -> {
          if (!(child instanceof Deployment deployment)) {
            direct.apply(child);
            return 1;
          }
          int replicas = deployment.getSpec().getReplicas();
          deployment.getSpec().setReplicas(null);
          direct.applyReplicas((Deployment) direct.apply(deployment), replicas);
          return 2;
        };
    // One environment's objects alone first, not counted: as the operator gets its warm-up
    // environment.
    RawWriteLimit.measure(
        Map.of(warmup, environmentChildren(client, warmup)), RAW_PARALLELISM, write);
    Map<String, List<HasMetadata>> children = new LinkedHashMap<>();
    rawNamespaces.forEach(ns -> children.put(ns, environmentChildren(client, ns)));
    RawWriteLimit raw = RawWriteLimit.measure(children, RAW_PARALLELISM, write);
    System.out.printf(
        "raw writes: %d objects (%d requests) from %d threads in %.1f s (%.1f objects/s), per object %s%n",
        raw.objects(),
        raw.requests(),
        raw.parallelism(),
        raw.wallSeconds(),
        raw.objectsPerSecond(),
        raw.perObject());
    deleteNamespaces(client, RAW_LABEL, run);
    return raw;
  }

  /**
   * What the operator applies for a new Staging environment in {@code namespace}, as one object per
   * request.
   */
  private static List<HasMetadata> environmentChildren(KubernetesClient client, String namespace) {
    TradingEnvironment te =
        client.getKubernetesSerialization().unmarshal(environmentYaml(), TradingEnvironment.class);
    te.getMetadata().setNamespace(namespace);
    te.getMetadata().setUid(UUID.randomUUID().toString());
    EnvironmentPlan plan = EnvironmentPlan.of(te, OperatorConfig.IMAGE_REGISTRY.defaultValue());
    EnvironmentInputs in =
        new EnvironmentInputs(
            te,
            plan,
            SteadyState.stacks(te, plan),
            SteadyState.activeColor(te),
            Hashes.of(Map.of("password", "bench-only")),
            Hashes.of(Map.of("signing-key", "bench-only")),
            false,
            OperatorConfig.POSTGRES_IMAGE.defaultValue(),
            AdmittedNamespaces.NONE,
            List.of());
    List<HasMetadata> children = new ArrayList<>();
    for (HasMetadata child : EnvironmentResources.desired(in)) {
      child
          .getMetadata()
          .setOwnerReferences(
              null); // the garbage collector would delete a child of a missing owner
      if (child instanceof Deployment d && d.getSpec().getReplicas() == null) {
        d.getSpec()
            .setReplicas(
                ServiceWorkloads.initialReplicas(
                    in, d)); // the count the operator's second apply sets
      }
      children.add(child);
    }
    return children;
  }

  /**
   * Starts the operator, creates the environments and measures; the operator stops before the
   * cleanup.
   */
  private static void measure(
      Cluster cluster, String prefix, List<String> namespaces, int extraNodes, RawWriteLimit raw)
      throws Exception {
    KubernetesClient client = cluster.client();
    int metricsPort = OperatorMetricsEndpoint.freePort();
    OperatorMetricsEndpoint metrics = new OperatorMetricsEndpoint(metricsPort);
    try (EnvironmentTimeline timeline = EnvironmentTimeline.watch(client, prefix, CHILD_KINDS);
        OperatorMain operator =
            Platform.startOperator(
                cluster,
                List.of(),
                null,
                Map.of(
                    OperatorConfig.METRICS_PORT.env(), String.valueOf(metricsPort),
                    OperatorConfig.RECONCILE_PARALLELISM.env(), String.valueOf(PARALLELISM),
                    OperatorConfig.APPLY_PARALLELISM.env(), String.valueOf(APPLY_PARALLELISM)))) {
      // One environment alone first: warms the operator up and gives the uncontended latency to
      // compare with.
      String warmup = prefix + "warmup";
      Map<String, Instant> warmupCreated = createAll(client, List.of(warmup));
      awaitAllReady(timeline, metrics, List.of(warmup), client);
      Map<String, Object> single = new LinkedHashMap<>();
      single.put(
          "createToChildrenMs",
          Duration.between(
                  warmupCreated.get(warmup),
                  timeline.children(warmup).values().stream().max(Instant::compareTo).orElseThrow())
              .toMillis());
      single.put(
          "createToReadyMs",
          Duration.between(warmupCreated.get(warmup), timeline.readyAt(warmup).orElseThrow())
              .toMillis());
      awaitSettled(metrics);
      long reconcilesBefore = metrics.environmentReconciliations();

      Map<String, Instant> createdAt = createAll(client, namespaces);
      Instant burstStart = createdAt.values().stream().min(Instant::compareTo).orElseThrow();
      List<long[]> reconcileSamples = awaitAllReady(timeline, metrics, namespaces, client);
      Instant allReady =
          namespaces.stream()
              .map(ns -> timeline.readyAt(ns).orElseThrow())
              .max(Instant::compareTo)
              .orElseThrow();

      // The children a Ready environment has are the same in every namespace; the last of them to
      // appear ends
      // the "children present" interval of that environment.
      TreeSet<String> expected = new TreeSet<>();
      namespaces.forEach(ns -> expected.addAll(timeline.children(ns).keySet()));
      List<Long> toChildren = new ArrayList<>();
      List<Long> toReady = new ArrayList<>();
      Instant allChildren = burstStart;
      for (String ns : namespaces) {
        Map<String, Instant> seen = timeline.children(ns);
        assertThat(seen.keySet()).as("children of " + ns).containsAll(expected);
        Instant last = seen.values().stream().max(Instant::compareTo).orElseThrow();
        allChildren = last.isAfter(allChildren) ? last : allChildren;
        toChildren.add(Duration.between(createdAt.get(ns), last).toMillis());
        toReady.add(
            Duration.between(createdAt.get(ns), timeline.readyAt(ns).orElseThrow()).toMillis());
      }
      long reconcilesToChildren = reconcilesAt(reconcileSamples, allChildren) - reconcilesBefore;
      long reconcilesToReady = reconcilesAt(reconcileSamples, allReady) - reconcilesBefore;

      Duration settledAfter = awaitSettled(metrics);
      long idleReconcilesBefore = metrics.environmentReconciliations();
      long idleEventsBefore = timeline.events();
      long cpuBefore = ProcessFootprint.processCpuNanos();
      long wallBefore = System.nanoTime();
      // The measurement itself: a window in which nothing changes.
      await().pollDelay(IDLE_WINDOW).atMost(IDLE_WINDOW.plusSeconds(5)).until(() -> true);
      double idleCpuPercent =
          100.0
              * (ProcessFootprint.processCpuNanos() - cpuBefore)
              / (System.nanoTime() - wallBefore);
      long idleReconciles = metrics.environmentReconciliations() - idleReconcilesBefore;
      long idleEvents = timeline.events() - idleEventsBefore;

      long heap = ProcessFootprint.heapAfterGc();
      long rss = ProcessFootprint.residentSetSize();

      LatencySummary children = LatencySummary.of(toChildren);
      LatencySummary ready = LatencySummary.of(toReady);
      double childrenWall = Duration.between(burstStart, allChildren).toMillis() / 1000.0;
      double readyWall = Duration.between(burstStart, allReady).toMillis() / 1000.0;
      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("cluster", cluster.description());
      setup.put("environments", ENVIRONMENTS);
      setup.put(
          "tier",
          "Staging (2 replicas per service, HPA 2-5, PDB, NetworkPolicies, blue-green initial deploy)");
      setup.put("reconcileParallelism", PARALLELISM);
      setup.put("applyParallelism", APPLY_PARALLELISM);
      setup.put("watchNamespaces", "all");
      setup.put("extraFakeNodes", extraNodes);
      setup.put("childrenPerEnvironment", expected.size());
      setup.put("children", List.copyOf(expected));
      setup.put("availableProcessors", Runtime.getRuntime().availableProcessors());
      setup.put("maxHeapMB", ProcessFootprint.mb(Runtime.getRuntime().maxMemory()));
      Map<String, Object> burst = new LinkedHashMap<>();
      burst.put("wallToAllChildrenSeconds", childrenWall);
      burst.put("wallToAllReadySeconds", readyWall);
      double childrenPerSecond =
          expected.size() * namespaces.size() / Math.max(childrenWall, 0.001);
      double ratio = childrenPerSecond / raw.objectsPerSecond();
      burst.put("childrenCreatedPerSecond", round(childrenPerSecond));
      burst.put("reconciliationsToAllChildren", reconcilesToChildren);
      burst.put("reconciliationsToAllReady", reconcilesToReady);
      burst.put(
          "reconciliationsPerSecondToAllChildren",
          round(reconcilesToChildren / Math.max(childrenWall, 0.001)));
      burst.put(
          "reconciliationsPerSecondToAllReady",
          round(reconcilesToReady / Math.max(readyWall, 0.001)));
      burst.put("reconciliationErrors", metrics.environmentReconciliationErrors());
      burst.put("meanReconcileMs", metrics.meanReconcileMillis());
      burst.put("settledAfterAllReadySeconds", settledAfter.toMillis() / 1000.0);
      Map<String, Object> footprint = new LinkedHashMap<>();
      footprint.put("note", "one JVM: the operator plus the benchmark's client and informers");
      footprint.putAll(ProcessFootprint.megabytes("heapAfterGc", heap));
      footprint.putAll(ProcessFootprint.megabytes("nonHeap", ProcessFootprint.nonHeapUsed()));
      footprint.putAll(ProcessFootprint.megabytes("rss", rss));
      footprint.put("threads", ProcessFootprint.threads());
      Map<String, Object> idle = new LinkedHashMap<>();
      idle.put("windowSeconds", IDLE_WINDOW.toSeconds());
      idle.put("cpuPercentOfOneCore", round(idleCpuPercent));
      idle.put("reconciliations", idleReconciles);
      idle.put("watchEvents", idleEvents);
      Map<String, Object> targets = new LinkedHashMap<>();
      targets.put("createToChildrenP99BelowMs", CHILDREN_P99_TARGET_MS);
      targets.put("createToChildrenP99Met", children.p99() < CHILDREN_P99_TARGET_MS);
      targets.put("heapBelowMB", HEAP_TARGET_MB);
      targets.put("heapMet", ProcessFootprint.mb(heap) < HEAP_TARGET_MB);
      targets.put("operatorToRawThroughputAtLeast", RAW_RATIO_TARGET);
      targets.put("operatorToRawThroughputMet", ratio >= RAW_RATIO_TARGET);
      Map<String, Object> limit = new LinkedHashMap<>();
      limit.put(
          "note", "the same children written directly before the operator started, then deleted");
      limit.put("raw", raw.toJson());
      limit.put("rawObjectsPerSecond", round(raw.objectsPerSecond()));
      limit.put("operatorObjectsPerSecond", round(childrenPerSecond));
      limit.put("operatorToRawThroughput", round(ratio));
      limit.put("rawPerObjectP99Ms", raw.perObject().p99());
      limit.put("rawQueuedToNamespaceCompleteP99Ms", raw.perNamespace().p99());
      limit.put("operatorCreateToChildrenP99Ms", children.p99());
      var file =
          new BenchReport("operator-scale")
              .put("setup", setup)
              .put("singleEnvironmentFirst", single)
              .put("createToChildren", children)
              .put("createToReady", ready)
              .put("burst", burst)
              .put("apiServerLimit", limit)
              .put("footprint", footprint)
              .put("idle", idle)
              .put("targets", targets)
              .write();

      System.out.printf(
          """
          ==== Operator scale: %d Staging environments, parallelism %d, %d applies at once per reconcile (%s)
            one environment alone first: create -> children %s ms, -> Ready %s ms
            create -> all %d children present: %s   [target p99 < %d ms: %s]
            create -> status Ready (pods on kwok): %s
            all children after %.1f s, all Ready after %.1f s; %d reconciliations (%.1f/s to all Ready), mean %.1f ms
            API server limit, the same %d objects written directly (%d requests) from %d threads first: %.1f objects/s,
              per object %s, queued -> namespace complete %s
            operator: %.1f children/s = %.2f of the limit [target >= %.1f: %s]; create -> children p99 %d ms
            heap after GC %.1f MB [target < %d MB: %s], RSS %.1f MB (test JVM incl. client), %d threads
            idle: %.2f %% of one core over %d s (%d reconciliations, %d watch events)
            report: %s
          """,
          ENVIRONMENTS,
          PARALLELISM,
          APPLY_PARALLELISM,
          cluster.description(),
          single.get("createToChildrenMs"),
          single.get("createToReadyMs"),
          expected.size(),
          children,
          CHILDREN_P99_TARGET_MS,
          children.p99() < CHILDREN_P99_TARGET_MS ? "met" : "MISSED",
          ready,
          childrenWall,
          readyWall,
          reconcilesToReady,
          reconcilesToReady / Math.max(readyWall, 0.001),
          metrics.meanReconcileMillis(),
          raw.objects(),
          raw.requests(),
          raw.parallelism(),
          raw.objectsPerSecond(),
          raw.perObject(),
          raw.perNamespace(),
          childrenPerSecond,
          ratio,
          RAW_RATIO_TARGET,
          ratio >= RAW_RATIO_TARGET ? "met" : "MISSED",
          children.p99(),
          ProcessFootprint.mb(heap),
          HEAP_TARGET_MB,
          ProcessFootprint.mb(heap) < HEAP_TARGET_MB ? "met" : "MISSED",
          ProcessFootprint.mb(rss),
          ProcessFootprint.threads(),
          idleCpuPercent,
          IDLE_WINDOW.toSeconds(),
          idleReconciles,
          idleEvents,
          file);
    }
  }

  /**
   * Namespaces (and their database Secrets) exist before the clock starts: only the environments
   * are timed.
   */
  private static void prepareNamespaces(
      KubernetesClient client,
      List<String> namespaces,
      Map<String, String> labels,
      boolean databaseSecret)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> done = new ArrayList<>();
      for (String ns : namespaces) {
        done.add(
            pool.submit(
                () -> {
                  client
                      .namespaces()
                      .resource(
                          new NamespaceBuilder()
                              .withNewMetadata()
                              .withName(ns)
                              .addToLabels(labels)
                              .endMetadata()
                              .build())
                      .create();
                  if (!databaseSecret) {
                    return;
                  }
                  client
                      .secrets()
                      .inNamespace(ns)
                      .resource(
                          new SecretBuilder()
                              .withNewMetadata()
                              .withName(DB_SECRET)
                              .endMetadata()
                              .withStringData(
                                  Map.of(
                                      "url",
                                      "jdbc:postgresql://db.example.invalid:5432/alphintra",
                                      "username",
                                      "alphintra",
                                      "password",
                                      "bench-only"))
                              .build())
                      .create();
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  /**
   * Creates every environment at once (16 client threads); returns when each create request was
   * sent.
   */
  private static Map<String, Instant> createAll(KubernetesClient client, List<String> namespaces)
      throws Exception {
    Map<String, TradingEnvironment> environments = new LinkedHashMap<>();
    for (String ns : namespaces) {
      TradingEnvironment te =
          client
              .getKubernetesSerialization()
              .unmarshal(environmentYaml(), TradingEnvironment.class);
      te.getMetadata().setNamespace(ns);
      environments.put(ns, te);
    }
    Map<String, Instant> createdAt = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<?>> done = new ArrayList<>();
      environments.forEach(
          (ns, te) ->
              done.add(
                  pool.submit(
                      () -> {
                        createdAt.put(ns, Instant.now());
                        client.resource(te).create();
                      })));
      for (Future<?> f : done) {
        f.get();
      }
    }
    return createdAt;
  }

  private static String environmentYaml() {
    return """
        apiVersion: trading.alphintra.io/v1alpha1
        kind: TradingEnvironment
        metadata:
          name: %s
        spec:
          tier: Staging
          version: 1.0.0
          imageRegistry: registry.example.invalid/alphintra
          database:
            secretRef:
              name: %s
        """
        .formatted(TE, DB_SECRET);
  }

  /**
   * Waits until every environment is Ready; samples the reconcile counter on the way, as {time ms,
   * count}.
   */
  private static List<long[]> awaitAllReady(
      EnvironmentTimeline timeline,
      OperatorMetricsEndpoint metrics,
      List<String> namespaces,
      KubernetesClient client) {
    List<long[]> samples = new ArrayList<>();
    try {
      await()
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                samples.add(
                    new long[] {System.currentTimeMillis(), metrics.environmentReconciliations()});
                return timeline.readyCount(namespaces) == namespaces.size();
              });
    } catch (ConditionTimeoutException e) {
      namespaces.stream()
          .filter(ns -> timeline.readyAt(ns).isEmpty())
          .limit(3)
          .forEach(
              ns ->
                  System.out.println(
                      "not Ready: "
                          + ns
                          + " "
                          + client
                              .resources(TradingEnvironment.class)
                              .inNamespace(ns)
                              .withName(TE)
                              .get()
                              .getStatus()));
      throw new AssertionError(
          timeline.readyCount(namespaces)
              + "/"
              + namespaces.size()
              + " environments Ready after "
              + READY_TIMEOUT,
          e);
    }
    return samples;
  }

  /** The reconcile count of the first sample taken at or after {@code moment}. */
  private static long reconcilesAt(List<long[]> samples, Instant moment) {
    return samples.stream()
        .filter(s -> s[0] >= moment.toEpochMilli())
        .findFirst()
        .orElse(samples.getLast())[1];
  }

  /**
   * Waits until the reconcile counter has not moved for 10 s (at most 3 min); returns how long that
   * took.
   */
  private static Duration awaitSettled(OperatorMetricsEndpoint metrics) {
    long start = System.nanoTime();
    long[] last = {metrics.environmentReconciliations(), System.nanoTime()};
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                long now = metrics.environmentReconciliations();
                if (now != last[0]) {
                  last[0] = now;
                  last[1] = System.nanoTime();
                }
                return System.nanoTime() - last[1] >= Duration.ofSeconds(10).toNanos();
              });
    } catch (ConditionTimeoutException e) {
      System.out.println("the reconcile counter was still moving after 3 minutes");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void deleteNamespaces(KubernetesClient client, String label, String run) {
    try {
      long start = System.nanoTime();
      client.namespaces().withLabel(label, run).delete();
      try {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> client.namespaces().withLabel(label, run).list().getItems().isEmpty());
      } catch (ConditionTimeoutException stillTerminating) {
        // reported below
      }
      int left = client.namespaces().withLabel(label, run).list().getItems().size();
      System.out.printf(
          "deleted the namespaces labelled %s in %d ms (%d still terminating)%n",
          label, (System.nanoTime() - start) / 1_000_000, left);
    } catch (RuntimeException e) {
      System.out.println("could not delete the benchmark namespaces: " + e);
    }
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
