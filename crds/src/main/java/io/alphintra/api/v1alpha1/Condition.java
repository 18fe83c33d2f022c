package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A standard Kubernetes status condition.
 *
 * @param type Kind of condition, e.g. Ready, Progressing, Degraded, Paused, Connected,
 *     Authenticated, Halted.
 * @param status True, False or Unknown.
 * @param reason One CamelCase word a program can match on, e.g. DatabaseSecretMissing or
 *     RolloutAborted.
 * @param message What happened and, when it needs action, how to fix it. Never contains a secret
 *     value.
 * @param lastTransitionTime When status last changed (RFC 3339); unchanged while status stays the
 *     same.
 * @param observedGeneration The metadata.generation of the resource this condition was computed
 *     from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    @Required String type,
    @Required ConditionStatus status,
    String reason,
    String message,
    String lastTransitionTime,
    Long observedGeneration) {

  /** Condition types shared by the three kinds. */
  public static final String READY = "Ready";

  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String PAUSED = "Paused";

  /** Whether this condition is {@code True}. */
  public boolean holds() {
    return status == ConditionStatus.True;
  }
}
