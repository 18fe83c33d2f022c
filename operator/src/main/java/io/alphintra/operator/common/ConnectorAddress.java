package io.alphintra.operator.common;

/**
 * Where the broker-connector of a BrokerConnection answers: the Service the connection's controller
 * creates for it, and the address the environment's controller gives trading-api. One definition,
 * so the two controllers cannot drift apart.
 */
public final class ConnectorAddress {
  /** The connector's HTTP port: its API, its health and its metrics. */
  public static final int HTTP_PORT = 8080;

  private ConnectorAddress() {}

  /**
   * The connector's Deployment, Service and ServiceAccount of the connection {@code connection}.
   */
  public static String serviceName(String connection) {
    return connection + "-connector";
  }

  /**
   * The connector's base URL inside the connection's namespace, e.g. {@code
   * http://sim-connector:8080}.
   */
  public static String baseUrl(String connection) {
    return "http://" + serviceName(connection) + ":" + HTTP_PORT;
  }
}
