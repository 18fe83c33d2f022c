package io.alphintra.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/**
 * Metadata of owned objects: name, namespace, labels and the controller owner reference that
 * garbage-collects them.
 */
public final class Owners {
  private Owners() {}

  /** Metadata for an object owned (as controller) by {@code owner}. */
  public static ObjectMeta owned(HasMetadata owner, String name, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }
}
