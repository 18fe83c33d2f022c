package io.alphintra.operator.it;

import static org.awaitility.Awaitility.await;

import io.alphintra.api.v1alpha1.EnvironmentPhase;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Brings a Development TradingEnvironment (managed database, rolling updates) to Ready on an API
 * server without controllers or kubelets, playing them once: afterwards nothing about the
 * environment changes any more, as for a user who waited for {@code kubectl wait te/dev
 * --for=condition=Ready} before applying what references it.
 */
final class ReadyEnvironment {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ReadyEnvironment() {}

  static void awaitReady(KubernetesClient client, String namespace, String environment) {
    for (String service : new String[] {"trading-api", "auth-service"}) {
      String name = environment + "-" + service;
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  client.apps().deployments().inNamespace(namespace).withName(name).get() != null);
      Conflicts.retry(
          () ->
              client
                  .apps()
                  .deployments()
                  .inNamespace(namespace)
                  .withName(name)
                  .editStatus(
                      d -> {
                        int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
                        d.setStatus(
                            new DeploymentStatusBuilder()
                                .withObservedGeneration(d.getMetadata().getGeneration())
                                .withReplicas(replicas)
                                .withReadyReplicas(replicas)
                                .withUpdatedReplicas(replicas)
                                .withAvailableReplicas(replicas)
                                .build());
                        return d;
                      }));
    }
    String database = environment + "-postgres";
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.apps().statefulSets().inNamespace(namespace).withName(database).get()
                    != null);
    Conflicts.retry(
        () ->
            client
                .apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(database)
                .editStatus(
                    s -> {
                      s.setStatus(
                          new StatefulSetStatusBuilder()
                              .withReplicas(1)
                              .withReadyReplicas(1)
                              .withAvailableReplicas(1)
                              .build());
                      return s;
                    }));
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var te =
                  client
                      .resources(TradingEnvironment.class)
                      .inNamespace(namespace)
                      .withName(environment)
                      .get();
              return te.getStatus() != null
                  && te.getStatus().phase() == EnvironmentPhase.Ready
                  && te.getMetadata().getGeneration().equals(te.getStatus().observedGeneration());
            });
  }
}
