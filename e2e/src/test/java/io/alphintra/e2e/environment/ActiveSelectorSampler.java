package io.alphintra.e2e.environment;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Samples, every 100 ms, which color each active Service selects and whether that color's
 * Deployment had all its pods Ready at that moment: the evidence that traffic never went to an
 * unready color. "All Ready" counts every pod of the Deployment, not only the Ready ones: a Ready
 * pod of an older template next to an unready new one is not.
 */
public final class ActiveSelectorSampler implements AutoCloseable {
  /**
   * One observation of one active Service: when it was read, the color it selects, whether all that
   * color's pods were Ready, how many were, and the selected Deployment's counts (for messages).
   */
  public record Sample(
      Instant at, String service, String color, boolean colorReady, int readyPods, String pods) {}

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> services;
  private final String colorLabel;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("active-selector-sampler").factory());

  public ActiveSelectorSampler(
      KubernetesClient client, String namespace, List<String> services, String colorLabel) {
    this.client = client;
    this.namespace = namespace;
    this.services = services;
    this.colorLabel = colorLabel;
    ticker.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    for (String name : services) {
      try {
        Instant at = Instant.now();
        Service service = client.services().inNamespace(namespace).withName(name).get();
        String color = service == null ? null : service.getSpec().getSelector().get(colorLabel);
        Deployment selected =
            color == null
                ? null
                : client
                    .apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name + "-" + color)
                    .get();
        int ready =
            selected == null || selected.getStatus() == null
                ? 0
                : Optional.ofNullable(selected.getStatus().getReadyReplicas()).orElse(0);
        samples.add(new Sample(at, name, color, allReady(selected), ready, describe(selected)));
      } catch (RuntimeException e) {
        errors.add(name + ": " + e);
      }
    }
  }

  /**
   * Every pod of the Deployment is at its current template and Ready, and there is at least one.
   */
  private static boolean allReady(Deployment d) {
    if (d == null || d.getStatus() == null) {
      return false;
    }
    int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    int total = Optional.ofNullable(d.getStatus().getReplicas()).orElse(0);
    int updated = Optional.ofNullable(d.getStatus().getUpdatedReplicas()).orElse(0);
    int ready = Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
    return desired > 0 && ready >= desired && updated >= desired && total <= updated;
  }

  private static String describe(Deployment d) {
    if (d == null) {
      return "no Deployment";
    }
    var status = d.getStatus();
    return "spec.replicas="
        + d.getSpec().getReplicas()
        + (status == null
            ? " no status"
            : " replicas="
                + status.getReplicas()
                + " updated="
                + status.getUpdatedReplicas()
                + " ready="
                + status.getReadyReplicas());
  }

  /**
   * Waits until every active Service has been sampled selecting {@code color}: a test reads the
   * samples only once they cover the switch it caused. Fails with what the sampler saw (how many
   * samples, the last one, its errors) when they do not within {@code timeout}.
   */
  public void awaitSeen(String color, Duration timeout) {
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  services.stream()
                      .allMatch(
                          name ->
                              samples.stream()
                                  .anyMatch(
                                      sample ->
                                          sample.service().equals(name)
                                              && color.equals(sample.color()))));
    } catch (ConditionTimeoutException e) {
      List<Sample> seen = samples();
      throw new AssertionError(
          "the sampler did not see every active Service select "
              + color
              + " within "
              + timeout
              + ": "
              + seen.size()
              + " samples, the last "
              + (seen.isEmpty() ? "none" : seen.getLast())
              + "; errors: "
              + errors(),
          e);
    }
  }

  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  public List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
