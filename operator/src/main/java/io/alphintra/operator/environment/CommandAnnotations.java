package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.runtime.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot command annotations (such as abort) on a TradingEnvironment: removed once acted upon.
 */
final class CommandAnnotations {
  private static final Logger LOG = LoggerFactory.getLogger(CommandAnnotations.class);

  private final KubernetesClient client;

  CommandAnnotations(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Removes {@code annotation}; returns false when that failed. The caller retries soon: while the
   * annotation stays, the state machine does nothing but ask for its removal, so a leftover can
   * never act on a later revision.
   */
  boolean remove(TradingEnvironment te, String annotation, Context<TradingEnvironment> context) {
    try {
      TradingEnvironment edited =
          client
              .resources(TradingEnvironment.class)
              .inNamespace(te.getMetadata().getNamespace())
              .withName(te.getMetadata().getName())
              .edit(
                  current -> {
                    if (current.getMetadata().getAnnotations() != null) {
                      current.getMetadata().getAnnotations().remove(annotation);
                    }
                    return current;
                  });
      StatusWriter.cache(te, edited, context);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not remove {} from {}/{} (retried shortly): {}",
          annotation,
          te.getMetadata().getNamespace(),
          te.getMetadata().getName(),
          e.getMessage());
      return false;
    }
  }
}
