package io.alphintra.e2e.environment;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples, every 100 ms, which color each active Service selects and whether that color's Deployment had all its
 * pods Ready at that moment: the evidence that traffic never went to an unready color.
 */
final class ActiveSelectorSampler implements AutoCloseable {
  /** One observation of one active Service. */
  record Sample(String service, String color, boolean colorReady) {}

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> services;
  private final String colorLabel;
  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  ActiveSelectorSampler(KubernetesClient client, String namespace, List<String> services, String colorLabel) {
    this.client = client;
    this.namespace = namespace;
    this.services = services;
    this.colorLabel = colorLabel;
    this.thread = Thread.ofPlatform().daemon().name("active-selector-sampler").start(this::run);
  }

  private void run() {
    while (running) {
      for (String name : services) {
        try {
          Service service = client.services().inNamespace(namespace).withName(name).get();
          String color = service == null ? null : service.getSpec().getSelector().get(colorLabel);
          samples.add(new Sample(name, color, color != null && allReady(name + "-" + color)));
        } catch (RuntimeException e) {
          errors.add(name + ": " + e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean allReady(String deployment) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    if (d == null || d.getStatus() == null) {
      return false;
    }
    int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    int ready = Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
    return desired > 0 && ready >= desired;
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
