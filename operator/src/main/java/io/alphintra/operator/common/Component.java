package io.alphintra.operator.common;

/**
 * The kinds of pods in an environment: the {@link Labels#COMPONENT} label value, the image name and
 * the name suffix of their objects, and the nodes the NetworkPolicy graph is drawn between.
 */
public enum Component {
  AUTH_SERVICE("auth-service"),
  TRADING_API("trading-api"),
  DATABASE("database"),
  STRATEGY("strategy"),
  BROKER_CONNECTOR("broker-connector"),
  BROKER_SIMULATOR("broker-simulator"),
  /** The NetworkPolicies themselves. */
  NETWORK_POLICY("network-policy");

  private final String label;

  Component(String label) {
    this.label = label;
  }

  /** The label value, e.g. {@code trading-api}. */
  public String label() {
    return label;
  }

  /** The label value, so a component reads the same in names, images and messages. */
  @Override
  public String toString() {
    return label;
  }
}
