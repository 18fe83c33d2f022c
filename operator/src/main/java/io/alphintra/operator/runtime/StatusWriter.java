package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit point of a reconcile step: writes a primary resource's status with the resourceVersion
 * the step read (optimistic lock), and hands the written resource to the controller's cache so the
 * next reconcile starts from it even before the informer delivers it. A step whose write loses the
 * lock must leave no trace: callers perform the side effects that follow from the new status
 * (events, metrics, Service switches, annotation removals) only when this returns the written
 * resource.
 */
public final class StatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private StatusWriter() {}

  /**
   * Writes {@code status} onto {@code observed}.
   *
   * @return the written resource, or empty when the resource changed since it was read (HTTP 409):
   *     the step's decision was made from an outdated view and must be dropped; the change that won
   *     triggers a new reconcile
   */
  public static <S, P extends CustomResource<?, S>> Optional<P> write(
      P observed, S status, Context<P> context) {
    P next = context.getClient().getKubernetesSerialization().clone(observed);
    next.setStatus(status);
    next.getMetadata().setManagedFields(null);
    try {
      P written = context.getClient().resource(next).updateStatus();
      cache(observed, written, context);
      return Optional.of(written);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debug(
          "{} {}/{} changed since resourceVersion {}; the step is dropped and decided again",
          observed.getKind(),
          observed.getMetadata().getNamespace(),
          observed.getMetadata().getName(),
          observed.getMetadata().getResourceVersion());
      return Optional.empty();
    }
  }

  /**
   * Makes the next reconcile read {@code written} (the result of a write this process made to
   * {@code observed}).
   */
  public static <P extends CustomResource<?, ?>> void cache(
      P observed, P written, Context<P> context) {
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(observed), written, observed);
  }
}
