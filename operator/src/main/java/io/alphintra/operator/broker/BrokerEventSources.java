package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.runtime.NamedReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.List;

/**
 * Informers of a BrokerConnection: its owned children (the generated simulator credentials among them), the Secret
 * its credentialsSecretRef names and the TradingEnvironment its environmentRef names, each looked up by name.
 */
final class BrokerEventSources {
  static final List<Class<? extends HasMetadata>> OWNED_KINDS =
      List.of(ServiceAccount.class, Deployment.class, Service.class, NetworkPolicy.class);

  /** spec.environmentRef: the environment whose version and registry the connector runs. */
  static final NamedReference<TradingEnvironment, BrokerConnection> ENVIRONMENT =
      NamedReference.cached(TradingEnvironment.class, "spec.environmentRef",
          bc -> bc.getSpec() == null ? null : bc.getSpec().environmentRef().name());
  /** spec.credentialsSecretRef: the user's Secret with the venue's API key and secret. */
  static final NamedReference<Secret, BrokerConnection> CREDENTIALS =
      NamedReference.watchedByName(Secret.class, "spec.credentialsSecretRef",
          bc -> bc.getSpec() == null || bc.getSpec().credentialsSecretRef() == null ? null
              : bc.getSpec().credentialsSecretRef().name());

  private BrokerEventSources() {}

  static List<EventSource<?, BrokerConnection>> create(EventSourceContext<BrokerConnection> context) {
    List<EventSource<?, BrokerConnection>> sources = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : OWNED_KINDS) {
      sources.add(owned(kind, context));
    }
    sources.add(owned(Secret.class, context));
    sources.add(CREDENTIALS.eventSource(context));
    sources.add(ENVIRONMENT.eventSource(context));
    return sources;
  }

  /** Only objects labelled as managed by this operator are cached: for Secrets, the ones it generated. */
  private static <R extends HasMetadata> EventSource<R, BrokerConnection> owned(
      Class<R> kind, EventSourceContext<BrokerConnection> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, BrokerConnection.class)
            .withLabelSelector(Labels.MANAGED_SELECTOR)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(BrokerConnection.class, false))
            .build(),
        context);
  }
}
