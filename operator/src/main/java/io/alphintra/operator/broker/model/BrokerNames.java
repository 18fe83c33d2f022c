package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.operator.common.ConnectorAddress;

/** Names of everything a BrokerConnection owns; shared by builders, reconciler and tests. */
public final class BrokerNames {
  private BrokerNames() {}

  /** The broker-connector Deployment, Service and ServiceAccount. */
  public static String connector(BrokerConnection bc) {
    return ConnectorAddress.serviceName(bc.getMetadata().getName());
  }

  /** The broker-simulator Deployment and Service of a Simulator connection. */
  public static String simulator(BrokerConnection bc) {
    return bc.getMetadata().getName() + "-simulator";
  }

  /**
   * The generated credentials of a Simulator connection, shared by the simulator and its connector.
   */
  public static String simulatorCredentials(BrokerConnection bc) {
    return bc.getMetadata().getName() + "-simulator-credentials";
  }

  public static String connectorPolicy(BrokerConnection bc) {
    return connector(bc) + "-egress";
  }

  public static String simulatorPolicy(BrokerConnection bc) {
    return simulator(bc) + "-ingress";
  }
}
