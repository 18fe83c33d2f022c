package io.alphintra.e2e.realnode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphintra.operator.strategy.model.StrategyResources;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples, every 200 ms, the strategy's engine pods and asks each running one for its /status: how
 * many answered RUNNING at the same moment. (An engine's trading state is only in its own answer,
 * so this one polls.)
 */
final class EngineSampler implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("engine-sampler").factory());
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private volatile int activeNow;
  private volatile String worst = "";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final KubernetesClient client;
  private final String namespace;
  private final String strategy;

  EngineSampler(KubernetesClient client, String namespace, String strategy) {
    this.client = client;
    this.namespace = namespace;
    this.strategy = strategy;
    ticker.scheduleWithFixedDelay(this::sample, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    List<String> active = new ArrayList<>();
    List<Pod> pods;
    try {
      pods =
          client
              .pods()
              .inNamespace(namespace)
              .withLabel(StrategyResources.STRATEGY_LABEL, strategy)
              .list()
              .getItems();
    } catch (RuntimeException e) {
      return;
    }
    for (Pod pod : pods) {
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip == null || !"Running".equals(pod.getStatus().getPhase())) {
        continue;
      }
      try {
        HttpResponse<String> status =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/status"))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() == 200
            && "RUNNING".equals(JSON.readTree(status.body()).path("phase").asText())) {
          active.add(pod.getMetadata().getName());
        }
      } catch (Exception e) {
        // not answering: not trading
      }
    }
    samples.incrementAndGet();
    activeNow = active.size();
    if (active.size() > maxActive.get()) {
      maxActive.set(active.size());
      worst = String.join(", ", active);
    }
  }

  int samples() {
    return samples.get();
  }

  int maxActive() {
    return maxActive.get();
  }

  /** How many answered RUNNING in the last sample. */
  int activeNow() {
    return activeNow;
  }

  String worst() {
    return worst;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
