package io.alphintra.operator.runtime;

import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.List;

/**
 * The children a controller's primary resource owns: the informers that cache them (only objects
 * labelled as managed by this operator, so of the Secrets only the generated ones) and the lookup
 * of one primary's children, those whose controller owner reference is that primary. A referenced
 * user Secret is never among them.
 *
 * @param <P> the primary kind
 */
public final class OwnedChildren<P extends HasMetadata> {
  private final Class<P> primary;
  private final List<Class<? extends HasMetadata>> kinds;

  /**
   * @param primary the owning kind
   * @param kinds the kinds it owns and prunes when no longer desired; generated Secrets are always
   *     included
   */
  public OwnedChildren(Class<P> primary, List<Class<? extends HasMetadata>> kinds) {
    this.primary = primary;
    List<Class<? extends HasMetadata>> all = new ArrayList<>(kinds);
    all.add(Secret.class);
    this.kinds = List.copyOf(all);
  }

  /** One informer per owned kind, mapping a child's events to its controller owner. */
  public List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
    List<EventSource<?, P>> sources = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : kinds) {
      sources.add(informer(kind, context));
    }
    return sources;
  }

  /** The cached children whose controller owner reference is {@code owner}. */
  public List<HasMetadata> of(P owner, Context<P> context) {
    List<HasMetadata> all = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : kinds) {
      all.addAll(context.getSecondaryResources(kind));
    }
    String uid = owner.getMetadata().getUid();
    return all.stream()
        .filter(
            child ->
                child.getMetadata().getOwnerReferences() != null
                    && child.getMetadata().getOwnerReferences().stream()
                        .anyMatch(
                            ref ->
                                uid.equals(ref.getUid())
                                    && Boolean.TRUE.equals(ref.getController())))
        .toList();
  }

  private <R extends HasMetadata> EventSource<R, P> informer(
      Class<R> kind, EventSourceContext<P> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, primary)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(primary, false))
            .build(),
        context);
  }
}
