package io.alphintra.operator.broker.model;

import io.alphintra.api.v1alpha1.BrokerConnection;
import io.alphintra.api.v1alpha1.BrokerConnectionSpec;
import io.alphintra.api.v1alpha1.BrokerType;
import io.alphintra.api.v1alpha1.CredentialsSecretRef;
import java.net.URI;
import java.util.Locale;

/**
 * What the desired state of a BrokerConnection is computed from.
 *
 * @param connection the BrokerConnection
 * @param environment name of its TradingEnvironment (labels the pods into the environment's policy
 *     graph)
 * @param version the image tag of the connector: the environment's running version
 * @param simulatorVersion the image tag of the simulator: the one its Deployment already runs, else
 *     {@code version}. The simulator is the venue and keeps its book and trades in memory, so a
 *     release of the environment never restarts it (a real exchange does not restart when the
 *     platform is released); deleting its Deployment moves it to {@code version}.
 * @param imageRegistry registry of the images
 * @param credentialsHash hash of the credentials Secret's content; a rotation rolls the connector
 */
public record BrokerInputs(
    BrokerConnection connection,
    String environment,
    String version,
    String simulatorVersion,
    String imageRegistry,
    String credentialsHash) {

  /** These inputs as the simulator's: its own version in its image and labels. */
  public BrokerInputs forSimulator() {
    return new BrokerInputs(
        connection,
        environment,
        simulatorVersion,
        simulatorVersion,
        imageRegistry,
        credentialsHash);
  }

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

  /**
   * The venue's WebSocket market-stream base: the spec's, else the simulator Service, else
   * Binance's stream host for Binance's own API. Any other venue gets its REST host and port over
   * ws(s), which fails visibly when wrong rather than streaming another venue's prices.
   */
  public String streamEndpoint() {
    String stream = connection.getSpec().streamEndpoint();
    if (stream != null) {
      return stream;
    }
    if (simulated()) {
      return "ws://" + BrokerNames.simulator(connection) + ":" + BrokerResources.HTTP_PORT;
    }
    URI rest = URI.create(endpoint());
    String host = rest.getHost() == null ? "" : rest.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("binance.com") || host.endsWith(".binance.com")) {
      return BrokerConnectionSpec.BINANCE_STREAM_ENDPOINT;
    }
    return ("https".equals(rest.getScheme()) ? "wss" : "ws")
        + "://"
        + rest.getHost()
        + (rest.getPort() > 0 ? ":" + rest.getPort() : "");
  }

  public String name() {
    return connection.getMetadata().getName();
  }
}
