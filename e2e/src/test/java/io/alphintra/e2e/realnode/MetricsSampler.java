package io.alphintra.e2e.realnode;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes, every second, the {@code /actuator/prometheus} of the namespace's pods whose name starts
 * with one of the given prefixes, and appends the samples whose name starts with one of the given
 * metric prefixes to a file, one {@code <epoch ms> <pod> <sample>} line each: a time series of a
 * run's rate-limit budgets, venue latencies and GC pauses, to read a stall against.
 */
final class MetricsSampler implements AutoCloseable {
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("metrics-sampler").factory());
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final KubernetesClient client;
  private final String namespace;
  private final List<String> pods;
  private final List<String> metrics;
  private final BufferedWriter out;

  MetricsSampler(
      KubernetesClient client,
      String namespace,
      List<String> pods,
      List<String> metrics,
      Path file) {
    this.client = client;
    this.namespace = namespace;
    this.pods = pods;
    this.metrics = metrics;
    try {
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ticker.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  private void sample() {
    List<Pod> running;
    try {
      running = client.pods().inNamespace(namespace).list().getItems();
    } catch (RuntimeException e) {
      return;
    }
    for (Pod pod : running) {
      String name = pod.getMetadata().getName();
      String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
      if (ip == null || pods.stream().noneMatch(name::startsWith)) {
        continue;
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long at = System.currentTimeMillis();
        if (response.statusCode() != 200) {
          continue;
        }
        StringBuilder lines = new StringBuilder();
        response
            .body()
            .lines()
            .filter(line -> metrics.stream().anyMatch(line::startsWith))
            .forEach(
                line ->
                    lines
                        .append(at)
                        .append(' ')
                        .append(name)
                        .append(' ')
                        .append(line)
                        .append('\n'));
        synchronized (out) {
          out.write(lines.toString());
          out.flush();
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        // not answering this second: a gap in the series
      }
    }
  }

  @Override
  public void close() throws IOException {
    ticker.shutdownNow();
    synchronized (out) {
      out.close();
    }
  }
}
