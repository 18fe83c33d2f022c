package io.alphintra.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies desired children with server-side apply under one field manager, and deletes owned children that are no
 * longer desired. The operator owns only the fields it sets; fields other managers set (the HPA's replicas, a
 * user's annotations) are left alone, and a hand edit of an owned field is undone on the next apply.
 */
public final class ChildApplier {
  public static final String FIELD_MANAGER = "alphintra-operator";
  /**
   * The field manager of Deployment replica counts. Counts are written separately, and only when the operator
   * decides one, so that the main apply never owns spec.replicas: leaving the field out of it then never resets a
   * count an autoscaler chose, and an autoscaler's write is never undone by the next apply.
   */
  public static final String REPLICAS_FIELD_MANAGER = "alphintra-operator-replicas";
  private static final Logger LOG = LoggerFactory.getLogger(ChildApplier.class);

  private final KubernetesClient client;

  public ChildApplier(KubernetesClient client) {
    this.client = client;
  }

  /** Applies each object in order and returns what the API server answered. */
  public List<HasMetadata> apply(List<HasMetadata> desired) {
    List<HasMetadata> applied = new ArrayList<>(desired.size());
    for (HasMetadata object : desired) {
      applied.add(apply(object));
    }
    return applied;
  }

  public HasMetadata apply(HasMetadata object) {
    return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** Sets a Deployment's replica count under {@link #REPLICAS_FIELD_MANAGER}, touching no other field. */
  public Deployment applyReplicas(Deployment deployment, int replicas) {
    Deployment patch = new DeploymentBuilder()
        .withNewMetadata()
        .withName(deployment.getMetadata().getName())
        .withNamespace(deployment.getMetadata().getNamespace())
        .endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec()
        .build();
    return client.resource(patch).fieldManager(REPLICAS_FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** Deletes the observed children whose kind and name are neither desired nor explicitly kept. */
  public int prune(Collection<? extends HasMetadata> observed, Collection<? extends HasMetadata> desired, Set<String> alsoKeep) {
    Set<String> keep = desired.stream().map(ChildApplier::key).collect(Collectors.toSet());
    keep.addAll(alsoKeep);
    int deleted = 0;
    for (HasMetadata child : observed) {
      if (!keep.contains(key(child))) {
        try {
          client.resource(child).delete();
          deleted++;
          LOG.info("Deleted {} {}/{}: no longer desired", child.getKind(), child.getMetadata().getNamespace(),
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
