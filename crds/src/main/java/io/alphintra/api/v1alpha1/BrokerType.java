package io.alphintra.api.v1alpha1;

/** The kind of venue behind a connection. */
public enum BrokerType {
  /** A broker-simulator the operator deploys next to the connector. */
  Simulator,
  /** Any Binance-Spot-compatible REST API. */
  Binance
}
