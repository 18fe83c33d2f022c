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

  /** {@code registry/component:version}. */
  public static String image(String registry, Component component, String version) {
    return registry + "/" + component.label() + ":" + version;
  }
}
