package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.RolloutRecord;
import io.alphintra.api.v1alpha1.RolloutStatus;
import java.util.List;

/**
 * The rollout part of an environment's status, as decided by the rollout strategy.
 *
 * @param activeColor the color the active Services select, null for RollingUpdate
 * @param activeVersion the version they serve
 * @param previewVersion the version under test, or null
 * @param rollout the current or last rollout, or null
 * @param history finished rollouts, newest first
 */
public record RolloutView(
    Color activeColor,
    String activeVersion,
    String previewVersion,
    RolloutStatus rollout,
    List<RolloutRecord> history) {

  /** A RollingUpdate environment: no colors, the spec's version. */
  public static RolloutView rolling(String version) {
    return new RolloutView(null, version, null, null, null);
  }

  RolloutPhase phase() {
    return rollout == null ? null : rollout.phase();
  }

  /**
   * A rollout is under way: the preview is being tested, awaits promotion, or was just promoted and
   * is watched.
   */
  boolean inProgress() {
    RolloutPhase p = phase();
    return p == RolloutPhase.Progressing
        || p == RolloutPhase.Stabilizing
        || p == RolloutPhase.Checking
        || p == RolloutPhase.Paused
        || p == RolloutPhase.Promoted;
  }

  boolean failed() {
    return phase() == RolloutPhase.Aborted || phase() == RolloutPhase.RolledBack;
  }
}
