package io.alphintra.operator.strategy.model;

import io.alphintra.api.v1alpha1.Strategy;
import java.util.Map;

/**
 * The command annotation that lets a halted strategy trade again: the operator resumes the halted
 * engine through /control/resume, then removes the annotation.
 */
public final class ResetHalt {
  public static final String ANNOTATION = "trading.alphintra.io/reset-halt";

  private ResetHalt() {}

  /** Whether {@code strategy} carries the annotation. */
  public static boolean requested(Strategy strategy) {
    Map<String, String> annotations = strategy.getMetadata().getAnnotations();
    return annotations != null && annotations.containsKey(ANNOTATION);
  }
}
