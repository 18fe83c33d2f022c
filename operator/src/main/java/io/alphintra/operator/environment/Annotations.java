package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a one-shot command annotation (such as abort) from a TradingEnvironment once it was acted upon. */
final class Annotations {
  private static final Logger LOG = LoggerFactory.getLogger(Annotations.class);

  private final KubernetesClient client;

  Annotations(KubernetesClient client) {
    this.client = client;
  }

  void remove(TradingEnvironment te, String annotation) {
    try {
      client.resources(TradingEnvironment.class).inNamespace(te.getMetadata().getNamespace())
          .withName(te.getMetadata().getName())
          .edit(current -> {
            if (current.getMetadata().getAnnotations() != null) {
              current.getMetadata().getAnnotations().remove(annotation);
            }
            return current;
          });
    } catch (KubernetesClientException e) {
      // The next reconcile sees the annotation again; the state machine ignores an abort with nothing in flight.
      LOG.warn("Could not remove {} from {}/{}: {}", annotation, te.getMetadata().getNamespace(),
          te.getMetadata().getName(), e.getMessage());
    }
  }
}
