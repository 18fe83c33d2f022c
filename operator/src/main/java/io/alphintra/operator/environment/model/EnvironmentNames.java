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

  /**
   * The ConfigMap of trading-api's connectors file, shared by both colors: where each
   * BrokerConnection's connector answers.
   */
  public static String tradingConnectors(TradingEnvironment te) {
    return te.getMetadata().getName() + "-trading-connectors";
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

  /**
   * The generated Secret with auth-service's RS256 signing keys ({@code <kid>.pem}, active-kid).
   */
  public static String authSigningKeySecret(TradingEnvironment te) {
    return te.getMetadata().getName() + "-auth-signing-key";
  }

  /** The generated Secret with the first ADMIN's username and password. */
  public static String authAdminSecret(TradingEnvironment te) {
    return te.getMetadata().getName() + "-auth-admin";
  }

  /**
   * The cluster-scoped binding of auth-service's account to system:auth-delegator; cluster-wide
   * unique, so it names the namespace too.
   */
  public static String tokenReviewBinding(TradingEnvironment te) {
    return "alphintra-"
        + te.getMetadata().getNamespace()
        + "-"
        + te.getMetadata().getName()
        + "-auth-delegator";
  }

  public static String networkPolicy(TradingEnvironment te, String role) {
    return te.getMetadata().getName() + "-" + role;
  }

  private static String base(TradingEnvironment te, PlatformService service) {
    return te.getMetadata().getName() + "-" + service.component().label();
  }
}
