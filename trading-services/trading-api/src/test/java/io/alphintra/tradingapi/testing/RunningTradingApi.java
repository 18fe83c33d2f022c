package io.alphintra.tradingapi.testing;

import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the ITs: the whole trading-api on a random port over a real PostgreSQL, verifying tokens
 * against {@link TokenIssuer}'s JWKS and routing to the real connector and simulator of {@link
 * TradingStack}. All ITs share one context and one stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:it/trading-api.properties")
public abstract class RunningTradingApi {

  public static final String ADMIN = "admin-1";

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TradingStack stack = TradingStack.shared();
    registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("alphintra.trading.security.jwks-uri", () -> stack.issuer().jwksUri());
    registry.add("alphintra.trading.security.issuer", () -> TokenIssuer.ISSUER);
    registry.add("alphintra.trading.security.audience", () -> TokenIssuer.AUDIENCE);
    registry.add(
        "alphintra.trading.broker.connectors-file", () -> stack.connectorsFile().toString());
  }

  protected static TradingStack stack() {
    return TradingStack.shared();
  }

  protected ApiClient as(String token) {
    return new ApiClient(port, token);
  }

  protected ApiClient admin() {
    return as(stack().issuer().user(ADMIN, "ADMIN"));
  }

  /** A new account of a user (by subject) on the test connection, with {@code limitsJson}. */
  protected String userAccount(String ownerSubject, String limitsJson) {
    return account("USER", ownerSubject, limitsJson);
  }

  protected String account(String ownerType, String ownerId, String limitsJson) {
    return account(ownerType, ownerId, limitsJson, TradingStack.CONNECTION);
  }

  /** A new account trading through BrokerConnection {@code connection}. */
  protected String account(String ownerType, String ownerId, String limitsJson, String connection) {
    String id = "acc-" + UUID.randomUUID().toString().substring(0, 12);
    ApiClient.Reply reply =
        admin()
            .post(
                "/api/v1/accounts",
                "{\"id\":\""
                    + id
                    + "\",\"ownerType\":\""
                    + ownerType
                    + "\",\"ownerId\":\""
                    + ownerId
                    + "\",\"brokerConnection\":\""
                    + connection
                    + "\""
                    + (limitsJson == null ? "" : ",\"limits\":" + limitsJson)
                    + "}");
    if (reply.status() != 201) {
      throw new AssertionError("creating account answered " + reply.status() + ": " + reply.raw());
    }
    return id;
  }

  protected static String newId() {
    return "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }
}
