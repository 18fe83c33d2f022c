package io.alphintra.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How version changes are rolled out.
 *
 * @param strategy BlueGreen or RollingUpdate; defaults to RollingUpdate in Development and
 *     BlueGreen elsewhere. Fixed once the environment exists, also when a change of tier would
 *     change the default.
 * @param autoPromotion When false, a blue-green rollout waits in phase Paused after its checks
 *     pass, until {@code kubectl annotate te/<name> trading.alphintra.io/promote=<revision>}.
 * @param stabilizationSeconds How long all new pods must stay Ready, without restarts, before the
 *     checks start.
 * @param prePromotion HTTP health checks through the preview Service before promotion.
 * @param postPromotion Checks that keep running after promotion; failing them switches back when
 *     autoRollback is on.
 * @param autoRollback Switch back to the previous color automatically when post-promotion checks
 *     fail.
 * @param scaleDownDelaySeconds How long the previous color keeps running after promotion; setting
 *     the version back within this time switches back instantly.
 * @param progressDeadlineSeconds How long the new pods may take to become Ready before the rollout
 *     is aborted, counted from when the last of them were started (with maxStartingPods, from the
 *     latest step); must be greater than stabilizationSeconds.
 * @param maxStartingPods At most this many pods of a blue-green rollout's new color start at once:
 *     the next ones are created as earlier ones become Ready, services in order (auth-service
 *     first). A starting JVM takes all the CPU it may for its first minute; on nodes without that
 *     much to spare, starting a whole color at once slows the live color, which serves the traffic
 *     meanwhile, until its readiness probes fail. Unset starts every pod of the new color at once.
 */
@ValidationRule(
    value =
        "!has(self.progressDeadlineSeconds) || !has(self.stabilizationSeconds) || self.progressDeadlineSeconds > self.stabilizationSeconds",
    message =
        "rollout.progressDeadlineSeconds must be greater than rollout.stabilizationSeconds: raise the deadline or shorten the stabilization")
public record RolloutSpec(
    RolloutStrategy strategy,
    @Default("true") Boolean autoPromotion,
    @Default("30") @Min(0) @Max(3600) Integer stabilizationSeconds,
    HealthCheckSpec prePromotion,
    PostPromotionSpec postPromotion,
    @Default("true") Boolean autoRollback,
    @Default("300") @Min(0) @Max(86400) Integer scaleDownDelaySeconds,
    @Default("600") @Min(30) @Max(7200) Integer progressDeadlineSeconds,
    @Min(1) @Max(1000) Integer maxStartingPods) {}
