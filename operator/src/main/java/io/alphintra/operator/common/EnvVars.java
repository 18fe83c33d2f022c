package io.alphintra.operator.common;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * Container environment variables: plain values, and keys of a Secret the pod reads without the
 * operator seeing them.
 */
public final class EnvVars {
  private EnvVars() {}

  /**
   * {@code name} set from {@code key} of Secret {@code secret}; the pod does not start while the
   * key is missing.
   */
  public static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .withOptional(false)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  public static EnvVar plain(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }
}
