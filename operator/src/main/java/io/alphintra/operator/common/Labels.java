package io.alphintra.operator.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels and annotations the operator puts on what it creates. */
public final class Labels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String ENVIRONMENT = "trading.alphintra.io/environment";
  public static final String COMPONENT = "trading.alphintra.io/component";
  public static final String COLOR = "trading.alphintra.io/color";

  public static final String OPERATOR = "alphintra-operator";
  /** Selects everything this operator manages; its informers watch only that. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  /** Pod-template annotation with the hash of the ConfigMap the pods read; a change rolls the pods. */
  public static final String CONFIG_HASH = "trading.alphintra.io/config-hash";
  /** Pod-template annotation with the hash of the Secrets the pods read; a rotation rolls the pods. */
  public static final String SECRET_HASH = "trading.alphintra.io/secret-hash";

  /** Component values: the kinds of pods in an environment, which the NetworkPolicy graph is drawn between. */
  public static final String AUTH_SERVICE = "auth-service";
  public static final String TRADING_API = "trading-api";
  public static final String DATABASE = "database";
  public static final String STRATEGY = "strategy";
  public static final String BROKER_CONNECTOR = "broker-connector";
  public static final String BROKER_SIMULATOR = "broker-simulator";

  private Labels() {}

  /** Labels of every object of one component of one environment. */
  public static Map<String, String> of(String environment, String component, String version) {
    Map<String, String> labels = new LinkedHashMap<>(selector(environment, component));
    labels.put(PART_OF, "alphintra");
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(ENVIRONMENT, environment);
    labels.put(COMPONENT, component);
    if (version != null) {
      labels.put(VERSION, version);
    }
    return labels;
  }

  /** The stable labels that select the pods of one component of one environment. */
  public static Map<String, String> selector(String environment, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, component);
    labels.put(INSTANCE, environment);
    return labels;
  }
}
