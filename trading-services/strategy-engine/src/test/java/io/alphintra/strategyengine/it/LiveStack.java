package io.alphintra.strategyengine.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a Live engine talks to, started once per test JVM: the real trading-api (its Boot jar as a
 * process over an embedded PostgreSQL) routing BrokerConnection {@value #CONNECTION} to the real
 * connector and simulator of {@link MarketStack}, behind a {@link FaultProxy}; and the {@link
 * AuthServiceDouble}.
 */
final class LiveStack {

  static final String CONNECTION = "sim";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LiveStack shared;

  private final AuthServiceDouble auth;
  private final ServiceProcess tradingApi;
  private final FaultProxy proxy;
  private final Path connectors;
  private final HttpClient http = HttpClient.newHttpClient();

  private LiveStack(
      AuthServiceDouble auth, ServiceProcess tradingApi, FaultProxy proxy, Path connectors) {
    this.auth = auth;
    this.tradingApi = tradingApi;
    this.proxy = proxy;
    this.connectors = connectors;
  }

  static synchronized LiveStack shared() {
    if (shared == null) {
      try {
        MarketStack market = MarketStack.shared();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        postgres.close();
                      } catch (IOException ignored) {
                        // the JVM is going away
                      }
                    }));
        Path connectors =
            Files.createTempDirectory(Path.of("target").toAbsolutePath(), "connectors")
                .resolve("connectors.properties");
        Files.writeString(connectors, connectorLine(CONNECTION));
        AuthServiceDouble auth = AuthServiceDouble.start();
        ServiceProcess tradingApi =
            ServiceProcess.start(
                "trading-api",
                "trading-api.jar",
                "/actuator/health/readiness",
                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "alphintra.trading.security.jwks-uri=" + auth.jwksUri(),
                "alphintra.trading.security.issuer=" + AuthServiceDouble.ISSUER,
                "alphintra.trading.security.audience=" + AuthServiceDouble.AUDIENCE,
                "alphintra.trading.broker.connectors-file=" + connectors,
                "alphintra.trading.broker.poll-interval=200ms",
                "logging.level.root=WARN");
        shared =
            new LiveStack(auth, tradingApi, FaultProxy.start(tradingApi.baseUrl()), connectors);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  AuthServiceDouble auth() {
    return auth;
  }

  FaultProxy proxy() {
    return proxy;
  }

  /** The properties that make an engine Live against this stack with {@code projectedToken}. */
  String[] engineProperties(String projectedToken) {
    try {
      Path token =
          Files.createTempDirectory(Path.of("target").toAbsolutePath(), "sa").resolve("token");
      Files.writeString(token, projectedToken);
      return new String[] {
        "alphintra.strategy.trading-api-url=" + proxy.url(),
        "alphintra.strategy.auth-url=" + auth.url(),
        "alphintra.strategy.service-account-token-file=" + token
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rewrites trading-api's connectors file as the kubelet would after the operator added {@code
   * connection} to the ConfigMap; {@code null} leaves only {@value #CONNECTION}. The added
   * connection's connector address answers nothing: a second connection to the shared connector
   * would have trading-api follow its execution stream twice.
   */
  void connectorsFileAlsoNames(String connection) {
    writeConnectors(
        connectorLine(CONNECTION)
            + (connection == null ? "" : connection + "=http://127.0.0.1:9\n"));
  }

  /**
   * Routes trading-api's {@value #CONNECTION} to a port nothing listens on (its connector's pod
   * restarting: every call is refused), or, with {@code true}, to the connector again.
   */
  void connectorReachable(boolean reachable) {
    writeConnectors(reachable ? connectorLine(CONNECTION) : CONNECTION + "=http://127.0.0.1:9\n");
  }

  private void writeConnectors(String content) {
    try {
      Path temp = Files.createTempFile(connectors.getParent(), "connectors", ".tmp");
      Files.writeString(temp, content);
      Files.move(temp, connectors, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String connectorLine(String connection) {
    return connection + "=" + MarketStack.shared().connectorUrl() + "\n";
  }

  /** Creates the strategy's account on {@value #CONNECTION} as an ADMIN would. */
  void createStrategyAccount(String id, String strategy) {
    createStrategyAccount(id, strategy, CONNECTION);
  }

  /** Creates the strategy's account on {@code connection} as an ADMIN would. */
  void createStrategyAccount(String id, String strategy, String connection) {
    JsonNode reply =
        admin(
            "POST",
            "/api/v1/accounts",
            "{\"id\":\""
                + id
                + "\",\"ownerType\":\"STRATEGY\",\"ownerId\":\""
                + strategy
                + "\",\"brokerConnection\":\""
                + connection
                + "\"}");
    if (!reply.path("id").asString().equals(id)) {
      throw new AssertionError("account not created: " + reply);
    }
  }

  /** GET on trading-api as an ADMIN. */
  JsonNode adminGet(String path) {
    return admin("GET", path, null);
  }

  /** POST on trading-api with the strategy's own STRATEGY token. */
  JsonNode postAsStrategy(String strategy, String path, String body) {
    return call(auth.strategyToken(strategy), "POST", path, body);
  }

  private JsonNode admin(String method, String path, String body) {
    return call(auth.admin(), method, path, body);
  }

  private JsonNode call(String token, String method, String path, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(tradingApi.baseUrl() + path))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .method(
                      method,
                      body == null
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new AssertionError(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
