package io.alphintra.operator.environment.model.rollout;

import io.alphintra.api.v1alpha1.HealthCheckSpec;
import io.alphintra.api.v1alpha1.PostPromotionSpec;
import io.alphintra.api.v1alpha1.RolloutSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * The rollout settings of an environment with every default applied (the same defaults the CRD
 * schema declares).
 *
 * @param autoPromotion promote without waiting for the promote annotation
 * @param stabilization how long new pods must stay Ready without restarts before checks start
 * @param checkPath HTTP path probed through the preview and active Services
 * @param checkInterval time between two pre-promotion checks
 * @param checkTimeout how long one check may take
 * @param successThreshold consecutive successful checks needed to promote
 * @param preFailureThreshold consecutive failed pre-promotion checks that abort the rollout
 * @param postWindow how long the new color is watched after promotion
 * @param postInterval time between two post-promotion checks
 * @param postFailureThreshold consecutive failed post-promotion checks that roll back
 * @param autoRollback switch back automatically when post-promotion checks fail
 * @param scaleDownDelay how long the previous color keeps running after promotion
 * @param progressDeadline how long the new pods may take to be Ready, from when the latest were
 *     started
 * @param maxStartingPods how many pods of the new color may be starting (created and not yet Ready)
 *     at once; {@link Integer#MAX_VALUE} when unlimited
 */
public record RolloutSettings(
    boolean autoPromotion,
    Duration stabilization,
    String checkPath,
    Duration checkInterval,
    Duration checkTimeout,
    int successThreshold,
    int preFailureThreshold,
    Duration postWindow,
    Duration postInterval,
    int postFailureThreshold,
    boolean autoRollback,
    Duration scaleDownDelay,
    Duration progressDeadline,
    int maxStartingPods) {

  /** The settings of a spec.rollout, which may be absent. */
  public static RolloutSettings of(RolloutSpec spec) {
    Optional<RolloutSpec> r = Optional.ofNullable(spec);
    Optional<HealthCheckSpec> pre = r.map(RolloutSpec::prePromotion);
    Optional<PostPromotionSpec> post = r.map(RolloutSpec::postPromotion);
    return new RolloutSettings(
        r.map(RolloutSpec::autoPromotion).orElse(true),
        seconds(r.map(RolloutSpec::stabilizationSeconds), 30),
        pre.map(HealthCheckSpec::path).orElse("/actuator/health/readiness"),
        seconds(pre.map(HealthCheckSpec::intervalSeconds), 5),
        seconds(pre.map(HealthCheckSpec::timeoutSeconds), 2),
        pre.map(HealthCheckSpec::successThreshold).orElse(3),
        3,
        seconds(post.map(PostPromotionSpec::windowSeconds), 120),
        seconds(post.map(PostPromotionSpec::intervalSeconds), 10),
        post.map(PostPromotionSpec::failureThreshold).orElse(3),
        r.map(RolloutSpec::autoRollback).orElse(true),
        seconds(r.map(RolloutSpec::scaleDownDelaySeconds), 300),
        seconds(r.map(RolloutSpec::progressDeadlineSeconds), 600),
        r.map(RolloutSpec::maxStartingPods).orElse(Integer.MAX_VALUE));
  }

  private static Duration seconds(Optional<Integer> value, int fallback) {
    return Duration.ofSeconds(value.orElse(fallback));
  }
}
