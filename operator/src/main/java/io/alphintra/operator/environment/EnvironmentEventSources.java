package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.common.Labels;
import io.alphintra.operator.runtime.NamedReference;
import io.alphintra.operator.runtime.OwnedChildren;
import io.alphintra.operator.runtime.References;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The informers a TradingEnvironment reconciliation reads from: its owned children (only objects
 * labelled as managed by this operator are cached, the generated database Secret among them) and
 * the Secret its spec.database.secretRef names, watched by name, so a database Secret that appears
 * or rotates triggers it; and the BrokerConnections of its namespace, whose connectors trading-api
 * is told about.
 */
final class EnvironmentEventSources {
  /**
   * What a TradingEnvironment owns, pruned when no longer desired; the generated database Secret
   * among them.
   */
  static final OwnedChildren<TradingEnvironment> OWNED =
      new OwnedChildren<>(
          TradingEnvironment.class,
          List.of(
              ServiceAccount.class,
              ConfigMap.class,
              Deployment.class,
              StatefulSet.class,
              Service.class,
              HorizontalPodAutoscaler.class,
              PodDisruptionBudget.class,
              NetworkPolicy.class));

  /** spec.database.secretRef: the user's Secret describing an external PostgreSQL. */
  static final NamedReference<Secret, TradingEnvironment> DATABASE_SECRET =
      NamedReference.watchedByName(
          Secret.class,
          "spec.database.secretRef",
          te -> {
            var database = te.getSpec() == null ? null : te.getSpec().database();
            return database == null || database.secretRef() == null
                ? null
                : database.secretRef().name();
          });

  /**
   * The BrokerConnections of the environment, by their spec.environmentRef: trading-api is told
   * where each one's connector answers, so a connection that comes or goes reconciles it.
   */
  static final NamedReference<TradingEnvironment, BrokerConnection> CONNECTIONS =
      References.BROKER_ENVIRONMENT;

  private EnvironmentEventSources() {}

  static List<EventSource<?, TradingEnvironment>> create(
      EventSourceContext<TradingEnvironment> context) {
    List<EventSource<?, TradingEnvironment>> sources = new ArrayList<>(OWNED.eventSources(context));
    // Pods carry the environment label (not an owner reference to it): restarts and readiness feed
    // rollouts.
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, TradingEnvironment.class)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(
                    pod -> {
                      String environment = pod.getMetadata().getLabels().get(Labels.ENVIRONMENT);
                      return environment == null
                          ? Set.of()
                          : Set.of(new ResourceID(environment, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context));
    sources.add(DATABASE_SECRET.eventSource(context));
    sources.add(CONNECTIONS.referrersEventSource(BrokerConnection.class, context));
    return sources;
  }
}
