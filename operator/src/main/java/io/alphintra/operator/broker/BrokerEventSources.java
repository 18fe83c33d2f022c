package io.alphintra.operator.broker;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.runtime.NamedReference;
import io.alphintra.operator.runtime.OwnedChildren;
import io.alphintra.operator.runtime.References;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Informers of a BrokerConnection: its owned children (the generated simulator credentials among
 * them), the Secret its credentialsSecretRef names and the TradingEnvironment its environmentRef
 * names, each looked up by name.
 */
final class BrokerEventSources {
  /**
   * What a BrokerConnection owns, pruned when no longer desired; the generated simulator
   * credentials among them.
   */
  static final OwnedChildren<BrokerConnection> OWNED =
      new OwnedChildren<>(
          BrokerConnection.class,
          List.of(ServiceAccount.class, Deployment.class, Service.class, NetworkPolicy.class));

  /**
   * spec.environmentRef: the environment whose version and registry the connector runs; the
   * environment's controller follows the same reference from its end.
   */
  static final NamedReference<TradingEnvironment, BrokerConnection> ENVIRONMENT =
      References.BROKER_ENVIRONMENT;

  /** spec.credentialsSecretRef: the user's Secret with the venue's API key and secret. */
  static final NamedReference<Secret, BrokerConnection> CREDENTIALS =
      NamedReference.watchedByName(
          Secret.class,
          "spec.credentialsSecretRef",
          bc ->
              bc.getSpec() == null || bc.getSpec().credentialsSecretRef() == null
                  ? null
                  : bc.getSpec().credentialsSecretRef().name());

  private BrokerEventSources() {}

  static List<EventSource<?, BrokerConnection>> create(
      EventSourceContext<BrokerConnection> context) {
    List<EventSource<?, BrokerConnection>> sources = new ArrayList<>(OWNED.eventSources(context));
    sources.add(CREDENTIALS.eventSource(context));
    sources.add(ENVIRONMENT.eventSource(context));
    return sources;
  }
}
