package io.alphintra.operator.environment.model;

import io.alphintra.operator.common.Component;
import java.util.Arrays;
import java.util.Optional;

/** The services every TradingEnvironment runs, each one of the {@link Component}s. */
public enum PlatformService {
  AUTH_SERVICE(Component.AUTH_SERVICE, true),
  TRADING_API(Component.TRADING_API, false);

  /** Port of the HTTP API and of the actuator endpoints. */
  public static final int HTTP_PORT = 8080;

  private final Component component;
  private final boolean needsKubernetesApi;

  PlatformService(Component component, boolean needsKubernetesApi) {
    this.component = component;
    this.needsKubernetesApi = needsKubernetesApi;
  }

  /** Its component: image name, label value and name suffix. */
  public Component component() {
    return component;
  }

  /** The service of a component name, if it is one. */
  public static Optional<PlatformService> byComponent(String component) {
    return Arrays.stream(values()).filter(s -> s.component.label().equals(component)).findFirst();
  }

  /**
   * auth-service reviews strategy pods' service-account tokens, so it gets an API token mounted.
   */
  public boolean needsKubernetesApi() {
    return needsKubernetesApi;
  }
}
