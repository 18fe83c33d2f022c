package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event source of a {@link NamedReference#watchedByName} reference: one watch per referenced
 * name (a field selector on metadata.name), started when a referrer first asks for it and stopped
 * once no referrer names it. Objects of the kind that no referrer names never reach the operator.
 */
final class NamedWatches<R extends HasMetadata, P extends HasMetadata>
    extends AbstractEventSource<R, P> {
  private static final Logger LOG = LoggerFactory.getLogger(NamedWatches.class);

  private final Class<R> kind;
  private final KubernetesClient client;
  private final IndexerResourceCache<P> referrers;
  private final Function<P, Optional<ResourceID>> named;
  private final Map<ResourceID, SharedIndexInformer<R>> watches = new ConcurrentHashMap<>();

  NamedWatches(
      Class<R> kind,
      String name,
      EventSourceContext<P> context,
      Function<P, Optional<ResourceID>> named) {
    super(kind, name);
    this.kind = kind;
    this.client = context.getClient();
    this.referrers = context.getPrimaryCache();
    this.named = named;
  }

  /**
   * The object {@code referrer} names, from its watch; the first lookup of a name starts the watch
   * and lists it.
   */
  @Override
  public Set<R> getSecondaryResources(P referrer) {
    Optional<ResourceID> id = named.apply(referrer);
    if (id.isEmpty() || !isRunning()) {
      return Set.of();
    }
    releaseUnnamed();
    SharedIndexInformer<R> informer = watches.computeIfAbsent(id.get(), this::watch);
    return informer.getStore().list().stream().findFirst().map(Set::of).orElse(Set.of());
  }

  /** Names currently watched; for tests and diagnostics. */
  Set<ResourceID> watched() {
    return Set.copyOf(watches.keySet());
  }

  @Override
  public void stop() {
    super.stop();
    watches.values().forEach(SharedIndexInformer::stop);
    watches.clear();
  }

  private SharedIndexInformer<R> watch(ResourceID id) {
    Handler handler = new Handler(id);
    // inform() returns once the initial list is in the store; the handler ignores that list's
    // replay as adds.
    SharedIndexInformer<R> informer =
        client
            .resources(kind)
            .inNamespace(id.getNamespace().orElseThrow())
            .withName(id.getName())
            .inform(handler, 0);
    handler.synced = true;
    LOG.debug("Watching {} {} for its referrers", kind.getSimpleName(), id);
    return informer;
  }

  /**
   * Stops the watches of names no referrer in the cache names any more (a referrer deleted or
   * changed).
   */
  private void releaseUnnamed() {
    Set<ResourceID> stillNamed =
        referrers.list().map(named).flatMap(Optional::stream).collect(Collectors.toSet());
    watches.forEach(
        (id, informer) -> {
          if (!stillNamed.contains(id) && watches.remove(id, informer)) {
            informer.stop();
            LOG.debug("Stopped watching {} {}: no referrer names it", kind.getSimpleName(), id);
          }
        });
  }

  private void trigger(ResourceID id) {
    if (!isRunning()) {
      return;
    }
    referrers
        .list(
            id.getNamespace().orElseThrow(),
            referrer -> named.apply(referrer).filter(id::equals).isPresent())
        .forEach(
            referrer ->
                getEventHandler().handleEvent(new Event(ResourceID.fromResource(referrer))));
  }

  /** Turns each change of the watched object into an event for the resources that name it. */
  private final class Handler implements ResourceEventHandler<R> {
    private final ResourceID id;
    private volatile boolean synced;

    Handler(ResourceID id) {
      this.id = id;
    }

    @Override
    public void onAdd(R object) {
      if (synced) {
        trigger(id);
      }
    }

    @Override
    public void onUpdate(R before, R after) {
      if (!Objects.equals(
          before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
        trigger(id);
      }
    }

    @Override
    public void onDelete(R object, boolean finalStateUnknown) {
      trigger(id);
    }
  }
}
