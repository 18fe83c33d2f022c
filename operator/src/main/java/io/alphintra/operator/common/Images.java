package io.alphintra.operator.common;

import io.alphintra.api.v1alpha1.TradingEnvironment;

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
   * before the environment recorded any.
   */
  public static String runningVersion(TradingEnvironment te) {
    var status = te.getStatus();
    return status != null && status.activeVersion() != null
        ? status.activeVersion()
        : te.getSpec().version();
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
