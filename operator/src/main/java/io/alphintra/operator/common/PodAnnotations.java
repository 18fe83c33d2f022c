package io.alphintra.operator.common;

/** The pod-template annotations the operator sets: a change of either rolls the pods. */
public final class PodAnnotations {
  /** The hash of the ConfigMap the pods read. */
  public static final String CONFIG_HASH = "trading.alphintra.io/config-hash";

  /** The hash of the Secrets the pods read; a rotation rolls the pods. */
  public static final String SECRET_HASH = "trading.alphintra.io/secret-hash";

  private PodAnnotations() {}
}
