package io.alphintra.tradingapi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What trading-api talks to in the ITs, started once per test JVM: the real broker-simulator and
 * broker-connector as processes over HTTP, the connectors file naming the connector of
 * BrokerConnection {@value #CONNECTION}, and a {@link TokenIssuer} serving its JWKS.
 */
public final class TradingStack {

  public static final String CONNECTION = "sim-venue";
  public static final String SYMBOLS = "SIMUSDT,EXOUSDT,RSKUSDT,IDMUSDT,FLTUSDT,PSHUSDT";

  /** Executions the connector holds for stream subscribers that resume (small: gaps are tested). */
  public static final int EXECUTIONS_HELD = 50;

  /** A system property that overrides {@link #EXECUTIONS_HELD} (the benchmark's). */
  public static final String EXECUTIONS_HELD_PROPERTY = "alphintra.it.executions-held";

  static final String CONNECTOR_KEY = "connector-key-13";
  static final String CONNECTOR_SECRET = "connector-secret-13-Qw8";

  private static TradingStack shared;

  private final ServiceProcess venue;
  private ServiceProcess connector;
  private final Path connectorsFile;
  private final TokenIssuer issuer;

  private TradingStack(ServiceProcess venue, Path connectorsFile, TokenIssuer issuer) {
    this.venue = venue;
    this.connectorsFile = connectorsFile;
    this.issuer = issuer;
  }

  public static synchronized TradingStack shared() {
    if (shared == null) {
      ServiceProcess venue = startSimulator("broker-simulator");
      try {
        Path file =
            Files.createTempDirectory(Path.of("target").toAbsolutePath(), "connectors")
                .resolve("connectors.properties");
        shared = new TradingStack(venue, file, TokenIssuer.start());
        shared.startConnector();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** A broker-simulator with the ITs' venue (accounts, symbols), logging to {@code <name>.log}. */
  static ServiceProcess startSimulator(String name) {
    return ServiceProcess.start(
        name,
        "broker-simulator.jar",
        "/actuator/health/readiness",
        "spring.config.additional-location=file:" + resource("it/broker-simulator.yaml"));
  }

  /** Starts a broker-connector (on a new port) and points the connectors file at it. */
  public synchronized void startConnector() {
    connector = startConnector("broker-connector", venue.baseUrl());
    writeConnectorsFile(CONNECTION + "=" + connector.baseUrl() + "\n");
  }

  /** A broker-connector of the connector's venue account at {@code venueUrl}. */
  static ServiceProcess startConnector(String name, String venueUrl) {
    return ServiceProcess.start(
        name,
        "broker-connector.jar",
        "/api/v1/health/broker",
        "alphintra.broker.endpoint=" + venueUrl,
        "alphintra.broker.api-key=" + CONNECTOR_KEY,
        "alphintra.broker.secret-key=" + CONNECTOR_SECRET,
        "alphintra.broker.symbols=" + SYMBOLS,
        "alphintra.broker.session-retry=1s",
        "alphintra.broker.request-weight-per-minute=100000000",
        "alphintra.broker.orders-per10-seconds=10000000",
        "alphintra.broker.execution-journal-size="
            + Integer.getInteger(EXECUTIONS_HELD_PROPERTY, EXECUTIONS_HELD),
        "logging.level.root=WARN");
  }

  /** Stops the connector; the connectors file still names it, so calls to it are refused. */
  public synchronized void stopConnector() {
    connector.close();
  }

  /**
   * Points the connectors file at a port nothing listens on: every call to the connector is
   * refused, as while its pod restarts behind its Service. {@link #restoreConnectorsFile} ends it.
   */
  public void refuseConnectorCalls() {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeConnectorsFile(CONNECTION + "=http://127.0.0.1:" + closedPort + "\n");
  }

  /** Points the connectors file at the running connector (and only it) again. */
  public synchronized void restoreConnectorsFile() {
    writeConnectorsFile(CONNECTION + "=" + connector.baseUrl() + "\n");
  }

  public void writeConnectorsFile(String content) {
    try {
      Path temp = Files.createTempFile(connectorsFile.getParent(), "connectors", ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, connectorsFile, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the simulator's fault settings ({@code PUT /admin/faults}). */
  public void faults(String json) {
    HttpResponse<String> response =
        http(
            HttpRequest.newBuilder(URI.create(venue.baseUrl() + "/admin/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "faults answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** New orders the simulator's matching engine accepted for a symbol (its own counter). */
  public long acceptedOrders(String symbol) {
    return acceptedOrders(venue, symbol);
  }

  static long acceptedOrders(ServiceProcess simulator, String symbol) {
    String metrics =
        http(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/actuator/prometheus")).GET())
            .body();
    Matcher matcher =
        Pattern.compile(
                "^simulator_orders_total\\{[^}]*outcome=\"accepted\"[^}]*symbol=\""
                    + symbol
                    + "\"[^}]*} ([0-9.E]+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
  }

  /**
   * Sum of the connector's Prometheus samples of {@code name} whose labels contain {@code label}.
   */
  public synchronized double connectorMetric(String name, String label) {
    String metrics =
        http(HttpRequest.newBuilder(URI.create(connector.baseUrl() + "/actuator/prometheus")).GET())
            .body();
    Matcher matcher =
        Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$", Pattern.MULTILINE)
            .matcher(metrics);
    double sum = 0;
    while (matcher.find()) {
      if (matcher.group(1) != null && matcher.group(1).contains(label)) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }

  static HttpResponse<String> http(HttpRequest.Builder request) {
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Path connectorsFile() {
    return connectorsFile;
  }

  /** The broker-simulator's process id. */
  public long venuePid() {
    return venue.pid();
  }

  /** The current connector's process id. */
  public synchronized long connectorPid() {
    return connector.pid();
  }

  /** The current connector's base URL. */
  public synchronized String connectorUrl() {
    return connector.baseUrl();
  }

  public String venueUrl() {
    return venue.baseUrl();
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  /** The simulator account that provides the other side of the tests' trades. */
  public VenueMaker maker() {
    return new VenueMaker(venue.baseUrl(), "maker-key-13", "maker-secret-13-Lp2", "10.13.0.1");
  }

  /** The connector's own venue account, from another IP bucket (cleanup). */
  public VenueMaker connectorAccount() {
    return new VenueMaker(venue.baseUrl(), CONNECTOR_KEY, CONNECTOR_SECRET, "10.13.0.2");
  }

  private static Path resource(String name) {
    try {
      return Path.of(TradingStack.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
