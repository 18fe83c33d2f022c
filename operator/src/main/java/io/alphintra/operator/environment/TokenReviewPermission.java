package io.alphintra.operator.environment;

import io.alphintra.api.v1alpha1.TradingEnvironment;
import io.alphintra.operator.environment.model.EnvironmentInputs;
import io.alphintra.operator.environment.model.EnvironmentNames;
import io.alphintra.operator.environment.model.TokenReviewBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClusterRoleBinding that lets an environment's auth-service review strategies' tokens. It is
 * cluster-scoped, so no owner reference can garbage-collect it: it is created while the environment
 * exists and deleted by the reconciler's cleanup (a finalizer). The operator may only get, create
 * and delete ClusterRoleBindings, and bind only system:auth-delegator: a binding that differs is
 * deleted and created again, never patched.
 */
final class TokenReviewPermission {
  private static final Logger LOG = LoggerFactory.getLogger(TokenReviewPermission.class);

  private final KubernetesClient client;

  TokenReviewPermission(KubernetesClient client) {
    this.client = client;
  }

  /** Creates the binding unless the one there already binds auth-service's account. */
  void grant(EnvironmentInputs in) {
    ClusterRoleBinding desired = TokenReviewBinding.of(in);
    String name = desired.getMetadata().getName();
    ClusterRoleBinding existing = client.rbac().clusterRoleBindings().withName(name).get();
    if (existing != null) {
      if (Objects.equals(existing.getRoleRef(), desired.getRoleRef())
          && Objects.equals(existing.getSubjects(), desired.getSubjects())) {
        return;
      }
      LOG.info(
          "ClusterRoleBinding {} differs from what the environment needs: recreating it", name);
      client.resource(existing).delete();
    }
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      // Another step created it meanwhile; the next step compares it.
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Deletes the environment's binding; gone already is fine. */
  void revoke(TradingEnvironment te) {
    client.rbac().clusterRoleBindings().withName(EnvironmentNames.tokenReviewBinding(te)).delete();
  }
}
