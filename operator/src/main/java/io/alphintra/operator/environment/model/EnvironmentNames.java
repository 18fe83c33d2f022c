package io.alphintra.operator.environment.model;

import io.alphintra.api.v1alpha1.Color;
import io.alphintra.api.v1alpha1.TradingEnvironment;

/**
 * Names of everything a TradingEnvironment owns; shared by the builders, the reconciler and the
 * tests.
 */
public final class EnvironmentNames {
  private EnvironmentNames() {}

  /** The Deployment of a service; blue-green environments have one per color. */
  public static String deployment(TradingEnvironment te, PlatformService service, Color color) {
    String base = base(te, service);
    return color == null ? base : base + "-" + color.name();
  }

  /** The Service clients use; it selects the live color. */
  public static String activeService(TradingEnvironment te, PlatformService service) {
    return base(te, service);
  }

  /** The Service that selects the color being rolled out, for checks before promotion. */
  public static String previewService(TradingEnvironment te, PlatformService service) {
    return base(te, service) + "-preview";
  }

  public static String serviceAccount(TradingEnvironment te, PlatformService service) {
    return base(te, service);
  }

  public static String configMap(TradingEnvironment te, PlatformService service) {
    return base(te, service);
  }

  public static String autoscaler(TradingEnvironment te, PlatformService service) {
    return base(te, service);
  }

  public static String disruptionBudget(TradingEnvironment te, PlatformService service) {
    return base(te, service);
  }

  /** The StatefulSet, Service and ServiceAccount of the managed PostgreSQL. */
  public static String postgres(TradingEnvironment te) {
    return te.getMetadata().getName() + "-postgres";
  }

  /** The generated Secret with the managed PostgreSQL's URL, user and password. */
  public static String postgresSecret(TradingEnvironment te) {
    return te.getMetadata().getName() + "-postgres-credentials";
  }

  public static String networkPolicy(TradingEnvironment te, String role) {
    return te.getMetadata().getName() + "-" + role;
  }

  private static String base(TradingEnvironment te, PlatformService service) {
    return te.getMetadata().getName() + "-" + service.component().label();
  }
}
