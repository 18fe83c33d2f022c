package io.alphintra.operator.strategy;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.Strategy;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.runtime.NamedReference;
import io.alphintra.operator.runtime.OwnedChildren;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Informers of a Strategy: its owned children, and the TradingEnvironment and BrokerConnection its
 * spec names, each looked up by name, so a strategy waiting for them is reconciled when they appear
 * or become Ready.
 */
final class StrategyEventSources {
  static final OwnedChildren<Strategy> OWNED =
      new OwnedChildren<>(
          Strategy.class,
          List.of(
              ServiceAccount.class,
              ConfigMap.class,
              Deployment.class,
              Service.class,
              NetworkPolicy.class));

  /** spec.environmentRef: the environment whose trading-api and auth-service the engine uses. */
  static final NamedReference<TradingEnvironment, Strategy> ENVIRONMENT =
      NamedReference.cached(
          TradingEnvironment.class,
          "spec.environmentRef",
          s ->
              s.getSpec() == null || s.getSpec().environmentRef() == null
                  ? null
                  : s.getSpec().environmentRef().name());

  /** spec.brokerConnectionRef: the connection whose connector supplies data and executes. */
  static final NamedReference<BrokerConnection, Strategy> BROKER_CONNECTION =
      NamedReference.cached(
          BrokerConnection.class,
          "spec.brokerConnectionRef",
          s ->
              s.getSpec() == null || s.getSpec().brokerConnectionRef() == null
                  ? null
                  : s.getSpec().brokerConnectionRef().name());

  private StrategyEventSources() {}

  static List<EventSource<?, Strategy>> create(EventSourceContext<Strategy> context) {
    List<EventSource<?, Strategy>> sources = new ArrayList<>(OWNED.eventSources(context));
    sources.add(ENVIRONMENT.eventSource(context));
    sources.add(BROKER_CONNECTION.eventSource(context));
    return sources;
  }
}
