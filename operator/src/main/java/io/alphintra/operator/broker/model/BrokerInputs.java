package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;

/**
 * What the desired state of a BrokerConnection is computed from.
 *
 * @param connection the BrokerConnection
 * @param environment name of its TradingEnvironment (labels the pods into the environment's policy graph)
 * @param version the image tag of the broker services: the environment's version
 * @param imageRegistry registry of the images
 * @param credentialsHash hash of the credentials Secret's content; a rotation rolls the connector
 */
public record BrokerInputs(
    BrokerConnection connection, String environment, String version, String imageRegistry, String credentialsHash) {

  public boolean simulated() {
    return connection.getSpec().broker() == BrokerType.Simulator;
  }

  /** The Secret and keys the connector reads its credentials from. */
  public CredentialsSecretRef credentials() {
    CredentialsSecretRef ref = connection.getSpec().credentialsSecretRef();
    if (ref != null) {
      return ref;
    }
    return new CredentialsSecretRef(BrokerNames.simulatorCredentials(connection), null, null);
  }

  /** The venue URL the connector talks to. */
  public String endpoint() {
    String endpoint = connection.getSpec().endpoint();
    if (endpoint != null) {
      return endpoint;
    }
    return "http://" + BrokerNames.simulator(connection) + ":" + BrokerResources.HTTP_PORT;
  }

  public String name() {
    return connection.getMetadata().getName();
  }
}
