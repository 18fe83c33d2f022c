package io.alphintra.operator.runtime;

import io.alphintra.operator.common.Hashes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies desired children with server-side apply under one field manager, and deletes owned
 * children that are no longer desired. The operator owns only the fields it sets; fields other
 * managers set (the HPA's replicas, a user's annotations) are left alone, and a hand edit of an
 * owned field is undone on the next apply.
 */
public final class ChildApplier {
  public static final String FIELD_MANAGER = "alphintra-operator";

  /**
   * The field manager of Deployment replica counts. Counts are written separately, and only when
   * the operator decides one, so that the main apply never owns spec.replicas: leaving the field
   * out of it then never resets a count an autoscaler chose, and an autoscaler's write is never
   * undone by the next apply.
   */
  public static final String REPLICAS_FIELD_MANAGER = "alphintra-operator-replicas";

  private static final Logger LOG = LoggerFactory.getLogger(ChildApplier.class);

  private final KubernetesClient client;
  private final ApplyWaves waves;

  /**
   * What this process last applied to each child: a fingerprint of the desired object and the
   * resourceVersion the API server answered. While both still match, applying again would change
   * nothing, so it is skipped; a hand edit changes the resourceVersion, so it is still undone on
   * the next reconcile.
   */
  private final Map<String, String> lastApplied = new ConcurrentHashMap<>();

  /** An applier that applies one child at a time. */
  public ChildApplier(KubernetesClient client) {
    this(client, ApplyWaves.sequential());
  }

  /** An applier that applies a reconcile's children in {@code waves}, concurrently within each. */
  public ChildApplier(KubernetesClient client, ApplyWaves waves) {
    this.client = client;
    this.waves = waves;
  }

  public HasMetadata apply(HasMetadata object) {
    try {
      return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      if (!switchesToRecreate(object, e)) {
        throw e;
      }
      // A Deployment created with the default RollingUpdate strategy keeps its defaulted
      // rollingUpdate block, which
      // no field manager owns, so an apply switching it to Recreate is refused
      // (kubernetes/kubernetes#24198): drop
      // the block once, then apply.
      LOG.info(
          "Switching Deployment {}/{} to the Recreate strategy",
          object.getMetadata().getNamespace(),
          object.getMetadata().getName());
      client
          .resource(object)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}");
      return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
  }

  private static boolean switchesToRecreate(HasMetadata object, KubernetesClientException e) {
    return e.getCode() == 422
        && object instanceof Deployment deployment
        && deployment.getSpec().getStrategy() != null
        && "Recreate".equals(deployment.getSpec().getStrategy().getType())
        && String.valueOf(e.getMessage()).contains("spec.strategy.rollingUpdate");
  }

  /**
   * Applies {@code desired} unless this process already applied exactly it to {@code observed} as
   * it is now.
   */
  public HasMetadata apply(HasMetadata desired, HasMetadata observed) {
    String id = desired.getMetadata().getNamespace() + "/" + key(desired);
    String fingerprint = Hashes.of(client.getKubernetesSerialization().asJson(desired));
    if (observed != null
        && (fingerprint + "@" + observed.getMetadata().getResourceVersion())
            .equals(lastApplied.get(id))) {
      return observed;
    }
    HasMetadata result = apply(desired);
    lastApplied.put(id, fingerprint + "@" + result.getMetadata().getResourceVersion());
    return result;
  }

  /**
   * Applies each desired child unless unchanged since this process applied it, in {@link
   * ApplyWaves}; {@code observed} is by {@link #key}. Returns the applied children in the order of
   * {@code desired}.
   */
  public List<HasMetadata> apply(
      List<HasMetadata> desired, Map<String, ? extends HasMetadata> observed) {
    return applyAll(desired, object -> apply(object, observed.get(key(object))));
  }

  /**
   * Runs {@code applyOne} on each desired child in {@link ApplyWaves}; returns its results in the
   * order of {@code desired}.
   */
  public List<HasMetadata> applyAll(
      List<HasMetadata> desired, UnaryOperator<HasMetadata> applyOne) {
    return waves.apply(desired, applyOne);
  }

  /** Observed children by {@link #key}. */
  public static Map<String, HasMetadata> byKey(Collection<? extends HasMetadata> observed) {
    Map<String, HasMetadata> map = new HashMap<>();
    observed.forEach(o -> map.put(key(o), o));
    return map;
  }

  /**
   * Sets a Deployment's replica count under {@link #REPLICAS_FIELD_MANAGER}, touching no other
   * field.
   */
  public Deployment applyReplicas(Deployment deployment, int replicas) {
    Deployment patch =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(deployment.getMetadata().getName())
            .withNamespace(deployment.getMetadata().getNamespace())
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .endSpec()
            .build();
    return client
        .resource(patch)
        .fieldManager(REPLICAS_FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
  }

  /** Deletes the observed children whose kind and name are neither desired nor explicitly kept. */
  public int prune(
      Collection<? extends HasMetadata> observed,
      Collection<? extends HasMetadata> desired,
      Set<String> alsoKeep) {
    Set<String> keep = desired.stream().map(ChildApplier::key).collect(Collectors.toSet());
    keep.addAll(alsoKeep);
    int deleted = 0;
    for (HasMetadata child : observed) {
      if (!keep.contains(key(child))) {
        try {
          client.resource(child).delete();
          lastApplied.remove(child.getMetadata().getNamespace() + "/" + key(child));
          deleted++;
          LOG.info(
              "Deleted {} {}/{}: no longer desired",
              child.getKind(),
              child.getMetadata().getNamespace(),
              child.getMetadata().getName());
        } catch (KubernetesClientException e) {
          if (e.getCode() != 404) {
            throw e;
          }
        }
      }
    }
    return deleted;
  }

  /** The identity of a child within its owner's namespace: kind and name. */
  public static String key(HasMetadata object) {
    return key(object.getKind(), object.getMetadata().getName());
  }

  public static String key(String kind, String name) {
    return kind + "/" + name;
  }
}
