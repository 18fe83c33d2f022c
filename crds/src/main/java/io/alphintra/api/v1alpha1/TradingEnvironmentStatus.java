package io.alphintra.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The observed state of a TradingEnvironment, written by the operator only.
 *
 * @param observedGeneration The metadata.generation this status describes.
 * @param phase Pending, Progressing, Ready, Degraded or Paused; conditions carry the detail.
 * @param conditions Ready, Progressing, Degraded, and Paused when spec.paused is true.
 * @param activeColor The color the active Services select.
 * @param activeVersion The version the active Services serve.
 * @param previewVersion The version the preview Services serve during a rollout.
 * @param services Per-service desired and ready pods and version.
 * @param rollout The current or last rollout.
 * @param history The last rollouts, newest first, at most ten.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TradingEnvironmentStatus(
    Long observedGeneration,
    EnvironmentPhase phase,
    List<Condition> conditions,
    Color activeColor,
    String activeVersion,
    String previewVersion,
    List<ServiceStatus> services,
    RolloutStatus rollout,
    List<RolloutRecord> history) {}
