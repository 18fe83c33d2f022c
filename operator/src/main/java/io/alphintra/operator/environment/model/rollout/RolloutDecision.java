package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.RolloutRecord;
import io.alphintra.api.v1alpha1.RolloutStatus;
import io.alphintra.operator.environment.model.Stack;
import java.time.Duration;
import java.util.List;

/**
 * The next state.
 *
 * @param activeColor the color the active Services select
 * @param activeVersion the version they serve
 * @param previewVersion the version under test, or null
 * @param previewColor the color the preview Services select
 * @param rollout the next rollout status
 * @param history the next history, newest first
 * @param stacks the Deployments' stacks to apply
 * @param transitions phase changes of this step
 * @param requeueAfter when to look again even if nothing changes, or null
 * @param abortHandled whether an abort annotation has nothing (more) to abort and can be removed
 */
public record RolloutDecision(
    Color activeColor,
    String activeVersion,
    String previewVersion,
    Color previewColor,
    RolloutStatus rollout,
    List<RolloutRecord> history,
    List<Stack> stacks,
    List<RolloutTransition> transitions,
    Duration requeueAfter,
    boolean abortHandled) {}
