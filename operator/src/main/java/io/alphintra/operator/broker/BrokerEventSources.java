package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Informers of a BrokerConnection: its owned children, Secrets (owned or named by credentialsSecretRef) and
 * TradingEnvironments (a missing environment that appears recovers the connection at once).
 */
final class BrokerEventSources {
  static final List<Class<? extends HasMetadata>> OWNED_KINDS =
      List.of(ServiceAccount.class, Deployment.class, Service.class, NetworkPolicy.class);

  private BrokerEventSources() {}

  static List<EventSource<?, BrokerConnection>> create(EventSourceContext<BrokerConnection> context) {
    List<EventSource<?, BrokerConnection>> sources = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : OWNED_KINDS) {
      sources.add(owned(kind, context));
    }
    sources.add(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, BrokerConnection.class)
            .withSecondaryToPrimaryMapper(referencing(context, (bc, secret) -> {
              var ref = bc.getSpec().credentialsSecretRef();
              return ref != null && ref.name().equals(secret.getMetadata().getName());
            }))
            .build(),
        context));
    sources.add(new InformerEventSource<>(
        InformerEventSourceConfiguration.from(TradingEnvironment.class, BrokerConnection.class)
            .withSecondaryToPrimaryMapper(referencing(context,
                (bc, te) -> bc.getSpec().environmentRef().name().equals(te.getMetadata().getName())))
            .build(),
        context));
    return sources;
  }

  private static <R extends HasMetadata> EventSource<R, BrokerConnection> owned(
      Class<R> kind, EventSourceContext<BrokerConnection> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, BrokerConnection.class)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(BrokerConnection.class, false))
            .build(),
        context);
  }

  /** Maps a resource to its owners plus the connections of its namespace that reference it. */
  private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> referencing(
      EventSourceContext<BrokerConnection> context, BiPredicate<BrokerConnection, R> references) {
    SecondaryToPrimaryMapper<R> owners = Mappers.fromOwnerReferences(BrokerConnection.class, false);
    return resource -> {
      Set<ResourceID> ids = new HashSet<>(owners.toPrimaryResourceIDs(resource));
      context.getPrimaryCache()
          .list(resource.getMetadata().getNamespace(), bc -> bc.getSpec() != null && references.test(bc, resource))
          .forEach(bc -> ids.add(ResourceID.fromResource(bc)));
      return ids;
    };
  }
}
