package io.alphintra.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The API server's own write limit on this cluster: the objects an operator run would create,
 * written directly with the operator's requests from a fixed number of client threads, all queued
 * at once, namespace after namespace. What the operator achieves is compared with this.
 *
 * @param objects objects written
 * @param requests write requests made for them
 * @param parallelism client threads
 * @param wallSeconds from the first request to the last answer
 * @param perObject each request, sent → answered
 * @param perNamespace all requests queued → the last object of a namespace answered: the
 *     counterpart of the operator's create → children
 */
record RawWriteLimit(
    int objects,
    int requests,
    int parallelism,
    double wallSeconds,
    LatencySummary perObject,
    LatencySummary perNamespace) {

  double objectsPerSecond() {
    return objects / Math.max(wallSeconds, 0.001);
  }

  /**
   * Writes every object of {@code byNamespace} with {@code write} (which returns the requests it
   * made) from {@code parallelism} threads; fails on the first refused write.
   */
  static RawWriteLimit measure(
      Map<String, List<HasMetadata>> byNamespace, int parallelism, ToIntFunction<HasMetadata> write)
      throws Exception {
    List<Long> perObject = new ArrayList<>();
    Map<String, Long> lastAnswer = new ConcurrentHashMap<>();
    AtomicInteger requests = new AtomicInteger();
    int objects = byNamespace.values().stream().mapToInt(List::size).sum();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
      List<Future<Long>> done = new ArrayList<>(objects);
      byNamespace.forEach(
          (ns, children) ->
              children.forEach(
                  child ->
                      done.add(
                          pool.submit(
                              () -> {
                                long sent = System.nanoTime();
                                requests.addAndGet(write.applyAsInt(child));
                                long answered = System.nanoTime();
                                lastAnswer.merge(ns, answered, Math::max);
                                return answered - sent;
                              }))));
      for (Future<Long> f : done) {
        perObject.add(f.get() / 1_000_000);
      }
    }
    long end = lastAnswer.values().stream().mapToLong(Long::longValue).max().orElse(start);
    List<Long> perNamespace =
        lastAnswer.values().stream().map(t -> (t - start) / 1_000_000).toList();
    return new RawWriteLimit(
        objects,
        requests.get(),
        parallelism,
        (end - start) / 1e9,
        LatencySummary.of(perObject),
        LatencySummary.of(perNamespace));
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("objects", objects);
    json.put("clientThreads", parallelism);
    json.put("requests", requests);
    json.put(
        "request",
        "the operator's: server-side apply; a new Deployment's replica count in a second apply");
    json.put("wallSeconds", Math.round(wallSeconds * 100) / 100.0);
    json.put("objectsPerSecond", Math.round(objectsPerSecond() * 100) / 100.0);
    json.put("perObject", perObject.toJson());
    json.put("queuedToNamespaceComplete", perNamespace.toJson());
    return json;
  }
}
