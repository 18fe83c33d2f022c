package io.alphintra.tradingapi.testing;

/**
 * A venue of a test's own next to {@link TradingStack}'s: a broker-simulator and a broker-connector
 * for another BrokerConnection, named in the connectors file beside the shared one. For ITs that
 * restart the venue (the simulator keeps its book in memory) without disturbing the others.
 */
public final class OwnVenue implements AutoCloseable {

  private final String connection;
  private final ServiceProcess simulator;
  private final ServiceProcess connector;

  private OwnVenue(String connection, ServiceProcess simulator, ServiceProcess connector) {
    this.connection = connection;
    this.simulator = simulator;
    this.connector = connector;
  }

  /** Starts the simulator and its connector and adds {@code connection} to the connectors file. */
  public static OwnVenue start(String connection) {
    ServiceProcess simulator = TradingStack.startSimulator("broker-simulator-" + connection);
    ServiceProcess connector =
        TradingStack.startConnector("broker-connector-" + connection, simulator.baseUrl());
    name(connection, connector.baseUrl());
    return new OwnVenue(connection, simulator, connector);
  }

  public String connection() {
    return connection;
  }

  /** The port of this venue's connector, to put a {@link TcpProxy} in front of it. */
  public int connectorPort() {
    return connector.port();
  }

  /** Names {@code url} instead of this venue's connector for its connection. */
  public void route(String url) {
    name(connection, url);
  }

  /** The connectors file: the shared connection's connector, and {@code url} for this one. */
  private static void name(String connection, String url) {
    TradingStack stack = TradingStack.shared();
    stack.writeConnectorsFile(
        TradingStack.CONNECTION
            + "="
            + stack.connectorUrl()
            + "\n"
            + connection
            + "="
            + url
            + "\n");
  }

  /** Routes this connection to its own connector again. */
  public void routeToConnector() {
    name(connection, connector.baseUrl());
  }

  /**
   * The lookups of single orders ({@code GET /api/v3/order}) this venue answered, as its HTTP
   * server counted them.
   */
  public long orderLookups() {
    String metrics =
        TradingStack.http(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(simulator.baseUrl() + "/actuator/prometheus"))
                    .GET())
            .body();
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile(
                "^http_server_requests_seconds_count\\{([^}]*)} ([0-9.E]+)$",
                java.util.regex.Pattern.MULTILINE)
            .matcher(metrics);
    long lookups = 0;
    while (matcher.find()) {
      if (matcher.group(1).contains("method=\"GET\"")
          && matcher.group(1).contains("uri=\"/api/v3/order\"")) {
        lookups += (long) Double.parseDouble(matcher.group(2));
      }
    }
    return lookups;
  }

  /** New orders this venue's matching engine accepted for a symbol. */
  public long acceptedOrders(String symbol) {
    return TradingStack.acceptedOrders(simulator, symbol);
  }

  /**
   * Restarts the simulator on its port, as a release restarts its pod: it comes back with an empty
   * book and knows none of the orders it had; the connector reconnects to it by itself.
   */
  public void restartSimulator() {
    simulator.restart();
  }

  /** Leaves the connectors file with the shared connection only, and stops both processes. */
  @Override
  public void close() {
    TradingStack.shared().restoreConnectorsFile();
    connector.close();
    simulator.close();
  }
}
