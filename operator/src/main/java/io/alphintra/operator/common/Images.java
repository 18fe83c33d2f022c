package io.alphintra.operator.common;

import io.alphintra.api.v1alpha1.RolloutPhase;
import io.alphintra.api.v1alpha1.TradingEnvironment;
import java.util.Optional;

/**
 * Where the platform's images come from: one registry per environment, one image per component and
 * version.
 */
public final class Images {
  private Images() {}

  /**
   * The environment's spec.imageRegistry, else the operator's default (ALPHINTRA_IMAGE_REGISTRY).
   */
  public static String registry(TradingEnvironment te, String defaultRegistry) {
    String own = te.getSpec().imageRegistry();
    return own != null ? own : defaultRegistry;
  }

  /**
   * The version a workload that follows an environment runs: the environment's promoted one, so a
   * release that was rolled back (or is still being checked) never reaches it; spec.version only
   * before the environment recorded any. A promotion still in its post-promotion window can be
   * rolled back, so until the window passed the version it replaced stays: the connectors and
   * strategy engines restart once per release, after its checks, not during them (their restarts
   * took the CPU the new color's checks needed on a small node, and a release rolled back in its
   * window restarted them twice).
   */
  public static String runningVersion(TradingEnvironment te) {
    var status = te.getStatus();
    if (status == null || status.activeVersion() == null) {
      return te.getSpec().version();
    }
    var rollout = status.rollout();
    if (rollout != null
        && rollout.phase() == RolloutPhase.Promoted
        && status.activeVersion().equals(rollout.toVersion())
        && rollout.fromVersion() != null) {
      return rollout.fromVersion();
    }
    return status.activeVersion();
  }

  /** The tag of an image reference ({@code registry/name:tag}), if it has one. */
  public static Optional<String> tag(String image) {
    if (image == null) {
      return Optional.empty();
    }
    int colon = image.lastIndexOf(':');
    if (colon < 0 || colon < image.lastIndexOf('/') || image.indexOf('@') >= 0) {
      return Optional.empty();
    }
    return Optional.of(image.substring(colon + 1));
  }

  /** {@code registry/name:version}, for an image not named after its component. */
  public static String image(String registry, String name, String version) {
    return registry + "/" + name + ":" + version;
  }

  /** {@code registry/component:version}. */
  public static String image(String registry, Component component, String version) {
    return registry + "/" + component.label() + ":" + version;
  }
}
