package io.alphintra.operator.it;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the Deployment controller and kubelets on an API server that has neither: every Deployment
 * of a namespace reports its pods Ready, except the ones the test marks unready. It also samples
 * which color the active Service selects and whether that color had Ready pods at that moment.
 */
final class FakeCluster implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final Set<String> unready = ConcurrentHashMap.newKeySet();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private volatile String watchedService;

  FakeCluster(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    ticker.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
  }

  void unready(String deployment) {
    unready.add(deployment);
  }

  void ready(String deployment) {
    unready.remove(deployment);
  }

  /** Samples the selector of this Service on every tick from now on. */
  void sampleActiveService(String service) {
    watchedService = service;
  }

  /** Moments the active Service selected a color whose Deployment had no Ready pods. */
  List<String> violations() {
    return violations;
  }

  private void tick() {
    try {
      for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
        report(d);
      }
      sample();
    } catch (KubernetesClientException | IllegalStateException e) {
      // the API server is going away at the end of a test
    }
  }

  private void report(Deployment d) {
    int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    int ready = unready.contains(d.getMetadata().getName()) ? 0 : replicas;
    var status = d.getStatus();
    boolean current =
        status != null
            && Optional.ofNullable(status.getObservedGeneration())
                .orElse(0L)
                .equals(d.getMetadata().getGeneration())
            && Optional.ofNullable(status.getReadyReplicas()).orElse(0) == ready
            && Optional.ofNullable(status.getReplicas()).orElse(0) == replicas;
    if (current) {
      return;
    }
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(d.getMetadata().getName())
        .editStatus(
            x -> {
              x.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(x.getMetadata().getGeneration())
                      .withReplicas(replicas)
                      .withUpdatedReplicas(replicas)
                      .withReadyReplicas(ready)
                      .withAvailableReplicas(ready)
                      .build());
              return x;
            });
  }

  private void sample() {
    String service = watchedService;
    if (service == null) {
      return;
    }
    var svc = client.services().inNamespace(namespace).withName(service).get();
    if (svc == null) {
      return;
    }
    Map<String, String> selector = svc.getSpec().getSelector();
    String color = selector.get("trading.alphintra.io/color");
    String deployment = service + "-" + color;
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    int ready =
        d == null || d.getStatus() == null
            ? 0
            : Optional.ofNullable(d.getStatus().getReadyReplicas()).orElse(0);
    if (ready == 0) {
      violations.add(
          service + " selected " + color + " while " + deployment + " had no Ready pods");
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
