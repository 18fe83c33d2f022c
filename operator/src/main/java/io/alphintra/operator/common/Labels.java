package io.alphintra.operator.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The label keys the operator puts on what it creates, and the label sets of one component of one
 * environment.
 */
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

  private Labels() {}

  /** Labels of every object of one component of one environment. */
  public static Map<String, String> of(String environment, Component component, String version) {
    Map<String, String> labels = new LinkedHashMap<>(selector(environment, component));
    labels.put(PART_OF, "alphintra");
    labels.put(MANAGED_BY, OPERATOR);
    labels.put(ENVIRONMENT, environment);
    labels.put(COMPONENT, component.label());
    if (version != null) {
      labels.put(VERSION, version);
    }
    return labels;
  }

  /** The stable labels that select the pods of one component of one environment. */
  public static Map<String, String> selector(String environment, Component component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, component.label());
    labels.put(INSTANCE, environment);
    return labels;
  }
}
