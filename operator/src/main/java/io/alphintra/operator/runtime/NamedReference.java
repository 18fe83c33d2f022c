package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A reference by name from a resource to another one of its namespace (spec.environmentRef,
 * spec.credentialsSecretRef, spec.database.secretRef), resolved by that name in an informer cache.
 *
 * <p>Its event source does two things: it maps every event of a referenced object to the resources
 * of the namespace that name it, so a referrer is reconciled when what it names appears, changes or
 * goes; and it answers a lookup from the referrer's spec, never from JOSDK's secondary-resource
 * index. That index only knows the objects whose events were mapped while the referrer already
 * existed, so an object created before its referrer would stay invisible to it until the object
 * happened to change.
 *
 * @param <R> the referenced kind
 * @param <P> the referring kind, the primary resource of the controller that registers the event
 *     source
 */
public final class NamedReference<R extends HasMetadata, P extends HasMetadata> {
  private final Class<R> kind;
  private final String field;
  private final String sourceName;
  private final Function<P, String> nameOf;
  private final boolean watchedByName;

  private NamedReference(
      Class<R> kind, String field, Function<P, String> nameOf, boolean watchedByName) {
    this.kind = kind;
    this.field = field;
    this.sourceName = "reference:" + field;
    this.nameOf = nameOf;
    this.watchedByName = watchedByName;
  }

  /**
   * A reference to a kind the operator may cache in full (its own custom resources): one informer
   * of the kind.
   *
   * @param field the referring field, e.g. {@code spec.environmentRef}; names the event source
   * @param nameOf the name a referrer gives, or null when it names none
   */
  public static <R extends HasMetadata, P extends HasMetadata> NamedReference<R, P> cached(
      Class<R> kind, String field, Function<P, String> nameOf) {
    return new NamedReference<>(kind, field, nameOf, false);
  }

  /**
   * A reference to a kind the operator must not cache in full (Secrets): only the named objects are
   * watched, one watch per referenced name, so a rotation is still noticed without reading every
   * object of the kind.
   */
  public static <R extends HasMetadata, P extends HasMetadata> NamedReference<R, P> watchedByName(
      Class<R> kind, String field, Function<P, String> nameOf) {
    return new NamedReference<>(kind, field, nameOf, true);
  }

  /** The referring field, e.g. {@code spec.environmentRef}, as messages to the user name it. */
  public String field() {
    return field;
  }

  /** The name {@code referrer} gives, or null when it names none. */
  public String nameIn(P referrer) {
    return nameOf.apply(referrer);
  }

  /** The event source to register with the referring kind's controller. */
  public EventSource<R, P> eventSource(EventSourceContext<P> context) {
    if (watchedByName) {
      return new NamedWatches<>(kind, sourceName, context, this::id);
    }
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, context.getPrimaryResourceClass())
            .withName(sourceName)
            .withSecondaryToPrimaryMapper(referenced -> referrers(context, referenced))
            .withPrimaryToSecondaryMapper(
                (P referrer) -> id(referrer).map(Set::of).orElse(Set.of()))
            .build(),
        context);
  }

  /**
   * The other end, for the controller of the referenced kind: an informer of the referrers (kind
   * {@code referrerKind}), each of whose events is mapped to every object of the referenced kind in
   * the referrer's namespace. Every one, not only the one it names now: an update shows only the
   * new reference, and the object it named before must still learn that it lost a referrer.
   */
  public EventSource<P, R> referrersEventSource(
      Class<P> referrerKind, EventSourceContext<R> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(referrerKind, context.getPrimaryResourceClass())
            .withName(referrersSourceName())
            .withSecondaryToPrimaryMapper(
                (P referrer) ->
                    context
                        .getPrimaryCache()
                        .list(referrer.getMetadata().getNamespace())
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  /**
   * The referrers that name {@code referenced} and are not being deleted, by name, from the
   * informer of {@link #referrersEventSource}: read from its cache, never from the
   * secondary-resource index.
   */
  public List<P> referrersOf(R referenced, Class<P> referrerKind, Context<R> context) {
    ResourceID target = ResourceID.fromResource(referenced);
    var informer =
        (InformerEventSource<P, R>)
            context.eventSourceRetriever().getEventSourceFor(referrerKind, referrersSourceName());
    return informer
        .list(
            referenced.getMetadata().getNamespace(),
            referrer -> id(referrer).filter(target::equals).isPresent())
        .sorted(Comparator.comparing(referrer -> referrer.getMetadata().getName()))
        .toList();
  }

  /**
   * The object {@code referrer} names, as its informer holds it; empty when it names none or none
   * exists.
   */
  public Optional<R> resolve(P referrer, Context<P> context) {
    return context
        .eventSourceRetriever()
        .getEventSourceFor(kind, sourceName)
        .getSecondaryResource(referrer);
  }

  private String referrersSourceName() {
    return "referrers:" + field;
  }

  private Optional<ResourceID> id(P referrer) {
    String name =
        referrer.getMetadata().getDeletionTimestamp() == null ? nameOf.apply(referrer) : null;
    return Optional.ofNullable(name)
        .map(n -> new ResourceID(n, referrer.getMetadata().getNamespace()));
  }

  private Set<ResourceID> referrers(EventSourceContext<P> context, HasMetadata referenced) {
    ResourceID target = ResourceID.fromResource(referenced);
    return context
        .getPrimaryCache()
        .list(
            referenced.getMetadata().getNamespace(),
            referrer -> id(referrer).filter(target::equals).isPresent())
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
