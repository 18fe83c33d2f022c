package io.alphintra.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The API server's own write limit on this cluster: the objects an operator run would create, written directly with
 * server-side apply (the operator's request) from a fixed number of client threads, all queued at once, namespace
 * after namespace. What the operator achieves is compared with this.
 *
 * @param objects objects written
 * @param parallelism client threads
 * @param wallSeconds from the first request to the last answer
 * @param perObject each request, sent → answered
 * @param perNamespace all requests queued → the last object of a namespace answered: the counterpart of the
 *     operator's create → children
 */
record RawWriteLimit(int objects, int parallelism, double wallSeconds, LatencySummary perObject,
    LatencySummary perNamespace) {
  static final String FIELD_MANAGER = "alphintra-bench-raw";

  double objectsPerSecond() {
    return objects / Math.max(wallSeconds, 0.001);
  }

  /** Writes every object of {@code byNamespace} from {@code parallelism} threads; fails on the first refused write. */
  static RawWriteLimit measure(KubernetesClient client, Map<String, List<HasMetadata>> byNamespace, int parallelism)
      throws Exception {
    List<Long> perObject = new ArrayList<>();
    Map<String, Long> lastAnswer = new ConcurrentHashMap<>();
    int objects = byNamespace.values().stream().mapToInt(List::size).sum();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
      List<Future<Long>> done = new ArrayList<>(objects);
      byNamespace.forEach((ns, children) -> children.forEach(child -> done.add(pool.submit(() -> {
        long sent = System.nanoTime();
        client.resource(child).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        long answered = System.nanoTime();
        lastAnswer.merge(ns, answered, Math::max);
        return answered - sent;
      }))));
      for (Future<Long> f : done) {
        perObject.add(f.get() / 1_000_000);
      }
    }
    long end = lastAnswer.values().stream().mapToLong(Long::longValue).max().orElse(start);
    List<Long> perNamespace = lastAnswer.values().stream().map(t -> (t - start) / 1_000_000).toList();
    return new RawWriteLimit(objects, parallelism, (end - start) / 1e9, LatencySummary.of(perObject),
        LatencySummary.of(perNamespace));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("objects", objects);
    json.put("clientThreads", parallelism);
    json.put("request", "server-side apply, one object per request, as the operator's");
    json.put("wallSeconds", Math.round(wallSeconds * 100) / 100.0);
    json.put("objectsPerSecond", Math.round(objectsPerSecond() * 100) / 100.0);
    json.put("perObject", perObject.toJson());
    json.put("queuedToNamespaceComplete", perNamespace.toJson());
    return json;
  }
}
