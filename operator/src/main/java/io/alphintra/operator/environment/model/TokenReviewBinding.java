package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Component;
import io.alphintra.operator.common.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binding of auth-service's service account to {@code system:auth-delegator}, which lets it
 * send TokenReviews for strategies' tokens. Cluster-scoped, so the namespaced environment cannot
 * own it: the reconciler creates it and deletes it when the environment goes (a finalizer); its
 * labels name the environment.
 */
public final class TokenReviewBinding {
  /** The ClusterRole that may create TokenReviews and SubjectAccessReviews. */
  public static final String CLUSTER_ROLE = "system:auth-delegator";

  /** The label naming the environment's namespace (the binding itself has none). */
  public static final String NAMESPACE_LABEL = "trading.alphintra.io/namespace";

  private TokenReviewBinding() {}

  public static ClusterRoleBinding of(EnvironmentInputs in) {
    var te = in.environment();
    Map<String, String> labels =
        new LinkedHashMap<>(Labels.of(in.name(), Component.AUTH_SERVICE, null));
    labels.put(NAMESPACE_LABEL, in.namespace());
    return new ClusterRoleBindingBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(EnvironmentNames.tokenReviewBinding(te))
                .withLabels(labels)
                .build())
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", CLUSTER_ROLE)
        .withSubjects(subject(in))
        .build();
  }

  /** auth-service's service account in the environment's namespace. */
  public static Subject subject(EnvironmentInputs in) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName(EnvironmentNames.serviceAccount(in.environment(), PlatformService.AUTH_SERVICE))
        .withNamespace(in.namespace())
        .build();
  }
}
