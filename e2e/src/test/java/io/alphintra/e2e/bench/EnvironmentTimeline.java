package io.alphintra.e2e.bench;

import io.alphintra.api.v1alpha1.Condition;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches (informers of the benchmark's own client, in every namespace) when each child of each
 * environment first appears and when each environment's status first says Ready, without polling.
 */
final class EnvironmentTimeline implements AutoCloseable {
  private final String namespacePrefix;

  /** namespace → "Kind/name" → when the child was first seen. */
  private final Map<String, Map<String, Instant>> children = new ConcurrentHashMap<>();

  private final Map<String, Instant> ready = new ConcurrentHashMap<>();
  private final AtomicLong events = new AtomicLong();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  private EnvironmentTimeline(String namespacePrefix) {
    this.namespacePrefix = namespacePrefix;
  }

  /** Starts the informers; returns once their first lists are in. */
  static EnvironmentTimeline watch(
      KubernetesClient client,
      String namespacePrefix,
      List<Class<? extends HasMetadata>> childKinds) {
    EnvironmentTimeline timeline = new EnvironmentTimeline(namespacePrefix);
    for (Class<? extends HasMetadata> kind : childKinds) {
      timeline.watchChildren(client, kind);
    }
    timeline.informers.add(
        client
            .resources(TradingEnvironment.class)
            .inAnyNamespace()
            .inform(timeline.handler(timeline::onEnvironment)));
    return timeline;
  }

  private <T extends HasMetadata> void watchChildren(KubernetesClient client, Class<T> kind) {
    informers.add(
        client
            .resources(kind)
            .inAnyNamespace()
            .withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
            .inform(handler(this::onChild)));
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(
      java.util.function.Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        events.incrementAndGet();
        onChange.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        events.incrementAndGet();
        onChange.accept(after);
      }

      @Override
      public void onDelete(T object, boolean unknownFinalState) {
        events.incrementAndGet();
      }
    };
  }

  private void onChild(HasMetadata child) {
    Instant now = Instant.now();
    String namespace = child.getMetadata().getNamespace();
    if (namespace != null && namespace.startsWith(namespacePrefix)) {
      children
          .computeIfAbsent(namespace, k -> new ConcurrentHashMap<>())
          .putIfAbsent(child.getKind() + "/" + child.getMetadata().getName(), now);
    }
  }

  private void onEnvironment(TradingEnvironment te) {
    Instant now = Instant.now();
    String namespace = te.getMetadata().getNamespace();
    if (namespace.startsWith(namespacePrefix) && isReady(te)) {
      ready.putIfAbsent(namespace, now);
    }
  }

  static boolean isReady(TradingEnvironment te) {
    return te.getStatus() != null
        && Optional.ofNullable(te.getStatus().conditions()).orElse(List.of()).stream()
            .anyMatch(c -> Condition.READY.equals(c.type()) && c.holds());
  }

  /** When the environment of {@code namespace} was first seen Ready, if it was. */
  Optional<Instant> readyAt(String namespace) {
    return Optional.ofNullable(ready.get(namespace));
  }

  /** How many of {@code namespaces} have a Ready environment. */
  long readyCount(java.util.Collection<String> namespaces) {
    return namespaces.stream().filter(ready::containsKey).count();
  }

  /** The children seen in {@code namespace} and when each first appeared. */
  Map<String, Instant> children(String namespace) {
    return Map.copyOf(children.getOrDefault(namespace, Map.of()));
  }

  /**
   * Every watch event (add, update, delete) received so far, of every watched kind and namespace.
   */
  long events() {
    return events.get();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
