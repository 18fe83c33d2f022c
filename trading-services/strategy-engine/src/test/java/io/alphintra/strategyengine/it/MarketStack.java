package io.alphintra.strategyengine.it;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The real broker-simulator and broker-connector as processes, started once per test JVM: the
 * connector streams the simulator's BTCUSDT trades and book to the engines under test.
 */
final class MarketStack {

  private static MarketStack shared;

  private final ServiceProcess connector;

  private MarketStack(ServiceProcess connector) {
    this.connector = connector;
  }

  static synchronized MarketStack shared() {
    if (shared == null) {
      ServiceProcess venue =
          ServiceProcess.start(
              "broker-simulator",
              "broker-simulator.jar",
              "/actuator/health/readiness",
              "spring.config.additional-location=file:" + resource("it/broker-simulator.yaml"));
      ServiceProcess connector =
          ServiceProcess.start(
              "broker-connector",
              "broker-connector.jar",
              "/api/v1/health/broker",
              "alphintra.broker.endpoint=" + venue.baseUrl(),
              "alphintra.broker.api-key=connector-key-15",
              "alphintra.broker.secret-key=connector-secret-15-Hn4",
              "alphintra.broker.symbols=BTCUSDT",
              "alphintra.broker.session-retry=1s",
              "logging.level.root=WARN");
      shared = new MarketStack(connector);
    }
    return shared;
  }

  String connectorUrl() {
    return connector.baseUrl();
  }

  private static Path resource(String name) {
    try {
      return Path.of(MarketStack.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
